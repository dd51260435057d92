package io.fastws.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.fastws.CloseCodes;
import io.fastws.bind.AuthenticationPrincipalArgumentResolver;
import io.fastws.bind.BeanArgumentResolver;
import io.fastws.bind.ConnectionArgumentResolver;
import io.fastws.bind.CookieValueArgumentResolver;
import io.fastws.bind.DependsArgumentResolver;
import io.fastws.bind.PathVariableArgumentResolver;
import io.fastws.bind.RequestHeaderArgumentResolver;
import io.fastws.bind.RequestParamArgumentResolver;
import io.fastws.bind.WebSocketArgumentResolver;
import io.fastws.bind.WebSocketArgumentResolverComposite;
import io.fastws.bind.WebSocketParameterValidator;
import io.fastws.server.observation.WebSocketConnectionObservationConvention;
import io.fastws.server.observation.WebSocketHandshakeObservationConvention;
import io.fastws.server.observation.WebSocketMessageMetrics;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.convert.ConversionService;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Detects {@link io.fastws.annotation.WebSocketController @WebSocketController} beans and serves their
 * routes: owns the chain of argument resolvers, parameter validation and the {@link WebSocketHandlerMapping}.
 *
 * <p>Resolvers are consulted in groups: annotation-based ({@code @PathVariable}, {@code @RequestParam},
 * {@code @RequestHeader}, {@code @CookieValue}, {@code @Depends}, and Spring Security's
 * {@code @AuthenticationPrincipal} when present), type-based (the connection, its request,
 * headers and principal), then {@linkplain #addCustomArgumentResolver custom resolvers}, and last the
 * fallbacks: beans by type, then simple types as query parameters. Needs no Spring Boot: declare it as a bean
 * and {@linkplain #createHandlerMapping() create the handler mapping} from it.
 */
public class AnnotatedControllerConfigurer implements ApplicationContextAware, InitializingBean {

	private static final String AUTHENTICATION_PRINCIPAL = "org.springframework.security.core.annotation.AuthenticationPrincipal";

	private final List<WebSocketArgumentResolver> customArgumentResolvers = new ArrayList<>();

	private @Nullable ApplicationContext applicationContext;

	private ConversionService conversionService = new DefaultFormattingConversionService();

	private @Nullable WebSocketParameterValidator validator;

	private @Nullable WebSocketHandlerExecutor executor;

	private JsonMapper jsonMapper = JsonMapper.builder().build();

	private ConnectionSettings connectionSettings = ConnectionSettings.defaults();

	private List<String> allowedOrigins = List.of();

	private List<String> allowedOriginPatterns = List.of();

	private int shutdownCloseCode = CloseCodes.WS_1012_SERVICE_RESTART;

	private boolean accessLogEnabled = true;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable WebSocketHandshakeObservationConvention handshakeObservationConvention;

	private @Nullable WebSocketConnectionObservationConvention connectionObservationConvention;

	private WebSocketMessageMetrics messageMetrics = WebSocketMessageMetrics.NONE;

	private Duration shutdownTimeout = Duration.ofSeconds(10);

	private @Nullable WebSocketArgumentResolverComposite argumentResolvers;

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	/**
	 * Set the service that converts path, query, header and cookie values to parameter types.
	 * @param conversionService the conversion service; a {@link DefaultFormattingConversionService} by default
	 */
	public void setConversionService(ConversionService conversionService) {
		this.conversionService = conversionService;
	}

	/**
	 * Set the validator for handler and provider parameters with Bean Validation constraints.
	 * @param validator the validator, or {@code null} to validate nothing
	 */
	public void setParameterValidator(@Nullable WebSocketParameterValidator validator) {
		this.validator = validator;
	}

	/**
	 * Add a resolver for parameters the built-in resolvers do not bind; custom resolvers are consulted in
	 * the order they are added, after the built-in ones and before the bean fallback.
	 * @param resolver the resolver
	 */
	public void addCustomArgumentResolver(WebSocketArgumentResolver resolver) {
		this.customArgumentResolvers.add(resolver);
	}

	/**
	 * Set the executor that runs each connection's handler.
	 * @param executor the executor; a virtual thread per connection on Java 21 and later, otherwise a
	 * platform pool of up to 8192 threads, by default
	 */
	public void setExecutor(WebSocketHandlerExecutor executor) {
		this.executor = executor;
	}

	/**
	 * Set the mapper for JSON messages and rejection bodies, normally the application's own.
	 * @param jsonMapper the JSON mapper
	 */
	public void setJsonMapper(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Set the limits every connection is held to.
	 * @param connectionSettings the limits; {@link ConnectionSettings#defaults()} by default
	 */
	public void setConnectionSettings(ConnectionSettings connectionSettings) {
		this.connectionSettings = connectionSettings;
	}

	/**
	 * Set the origins allowed besides the server's own.
	 * @param allowedOrigins the origins; {@code *} allows any
	 */
	public void setAllowedOrigins(List<String> allowedOrigins) {
		this.allowedOrigins = List.copyOf(allowedOrigins);
	}

	/**
	 * Set patterns of origins allowed besides the server's own, such as {@code http://localhost:*}.
	 * @param allowedOriginPatterns the patterns
	 */
	public void setAllowedOriginPatterns(List<String> allowedOriginPatterns) {
		this.allowedOriginPatterns = List.copyOf(allowedOriginPatterns);
	}

	/**
	 * Set the code every open connection is closed with when the application shuts down.
	 * @param shutdownCloseCode the close code; 1012 (service restart) by default, as uvicorn
	 */
	public void setShutdownCloseCode(int shutdownCloseCode) {
		Assert.isTrue(CloseCodes.isSendable(shutdownCloseCode),
				() -> "Close code " + shutdownCloseCode + " cannot be sent");
		this.shutdownCloseCode = shutdownCloseCode;
	}

	/**
	 * Set how long handlers have to return when the application shuts down, before they are interrupted.
	 * @param shutdownTimeout the timeout; 10 seconds by default
	 */
	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * Set whether to log each handshake's outcome and each closed connection on {@code io.fastws.access}.
	 * @param accessLogEnabled whether the access log is on; {@code true} by default
	 */
	public void setAccessLogEnabled(boolean accessLogEnabled) {
		this.accessLogEnabled = accessLogEnabled;
	}

	/**
	 * Set the registry of the {@code fastws.handshakes} and {@code fastws.connections} observations, which
	 * Micrometer turns into timers and, with tracing, spans.
	 * @param observationRegistry the registry; none by default
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Set the convention of the handshake observations.
	 * @param convention the convention, or {@code null} for the default
	 */
	public void setHandshakeObservationConvention(@Nullable WebSocketHandshakeObservationConvention convention) {
		this.handshakeObservationConvention = convention;
	}

	/**
	 * Set the convention of the connection observations.
	 * @param convention the convention, or {@code null} for the default
	 */
	public void setConnectionObservationConvention(@Nullable WebSocketConnectionObservationConvention convention) {
		this.connectionObservationConvention = convention;
	}

	/**
	 * Set what records every message of every connection, such as Micrometer counters.
	 * @param messageMetrics the message metrics; none by default
	 */
	public void setMessageMetrics(WebSocketMessageMetrics messageMetrics) {
		this.messageMetrics = messageMetrics;
	}

	@Override
	public void afterPropertiesSet() {
		Assert.state(this.applicationContext != null, "ApplicationContext is required");
		ConfigurableBeanFactory beanFactory = (this.applicationContext instanceof ConfigurableApplicationContext context)
				? context.getBeanFactory() : null;
		WebSocketArgumentResolverComposite resolvers = new WebSocketArgumentResolverComposite();
		// annotation-based
		resolvers.addResolver(new PathVariableArgumentResolver(this.conversionService, beanFactory));
		resolvers.addResolver(new RequestParamArgumentResolver(this.conversionService, beanFactory, false));
		resolvers.addResolver(new RequestHeaderArgumentResolver(this.conversionService, beanFactory));
		resolvers.addResolver(new CookieValueArgumentResolver(this.conversionService, beanFactory));
		resolvers.addResolver(new DependsArgumentResolver(this.applicationContext, this.validator, resolvers));
		if (ClassUtils.isPresent(AUTHENTICATION_PRINCIPAL, getClass().getClassLoader())) {
			resolvers.addResolver(new AuthenticationPrincipalArgumentResolver());
		}
		// type-based
		resolvers.addResolver(new ConnectionArgumentResolver());
		// custom
		this.customArgumentResolvers.forEach(resolvers::addResolver);
		// fallbacks
		resolvers.addResolver(new BeanArgumentResolver(this.applicationContext));
		resolvers.addResolver(new RequestParamArgumentResolver(this.conversionService, beanFactory, true));
		this.argumentResolvers = resolvers;
	}

	/**
	 * Detect the controllers' routes, checking that each parameter can be bound and no two routes are
	 * ambiguous, and create the mapping that serves them.
	 * @return the handler mapping
	 * @throws IllegalStateException if a route cannot be served
	 */
	public WebSocketHandlerMapping createHandlerMapping() {
		Assert.state(this.applicationContext != null && this.argumentResolvers != null,
				"afterPropertiesSet() must be called first");
		WebSocketControllerDetector detector = new WebSocketControllerDetector(this.argumentResolvers,
				this.validator);
		WebSocketHandlerExecutor handlerExecutor = (this.executor != null) ? this.executor
				: WebSocketHandlerExecutor.defaultExecutor();
		WebSocketHandlerMapping mapping = new WebSocketHandlerMapping(detector.detectRoutes(this.applicationContext),
				handlerExecutor, this.jsonMapper, this.connectionSettings, this.allowedOrigins);
		mapping.setAllowedOriginPatterns(this.allowedOriginPatterns);
		mapping.setShutdownCloseCode(this.shutdownCloseCode);
		mapping.setAccessLogEnabled(this.accessLogEnabled);
		mapping.setObservationRegistry(this.observationRegistry);
		mapping.setHandshakeObservationConvention(this.handshakeObservationConvention);
		mapping.setConnectionObservationConvention(this.connectionObservationConvention);
		mapping.setMessageMetrics(this.messageMetrics);
		mapping.setShutdownTimeout(this.shutdownTimeout);
		return mapping;
	}

}
