package io.fastws.autoconfigure;

import io.fastws.bind.WebSocketArgumentResolver;
import io.fastws.bind.WebSocketParameterValidator;
import io.fastws.server.AnnotatedControllerConfigurer;
import io.fastws.server.ConnectionSettings;
import io.fastws.server.WebSocketHandlerExecutor;
import io.fastws.server.WebSocketHandlerMapping;
import io.fastws.server.observation.WebSocketConnectionObservationConvention;
import io.fastws.server.observation.WebSocketHandshakeObservationConvention;
import io.fastws.server.observation.WebSocketMessageMetrics;
import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.Validator;
import jakarta.websocket.server.ServerContainer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.system.JavaVersion;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.socket.WebSocketHandler;

/**
 * Auto-configuration for fastws: serves the routes of every
 * {@link io.fastws.annotation.WebSocketController @WebSocketController} in a servlet web application,
 * through an {@link AnnotatedControllerConfigurer} set up from {@code fastws.*} properties and the
 * application's own beans.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration",
		"org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, WebSocketHandler.class, ServerContainer.class })
@ConditionalOnBooleanProperty(name = "fastws.enabled", matchIfMissing = true)
@EnableConfigurationProperties(FastWsProperties.class)
public final class FastWsAutoConfiguration {

	private static final String TOMCAT_MAX_CONNECTIONS = "server.tomcat.max-connections";

	private static final String JETTY_MAX_CONNECTIONS = "server.jetty.max-connections";

	@Bean
	@ConditionalOnMissingBean
	WebSocketHandlerExecutor fastWsHandlerExecutor(FastWsProperties properties, Environment environment) {
		boolean virtualThreadsAvailable = JavaVersion.getJavaVersion().isEqualOrNewerThan(JavaVersion.TWENTY_ONE);
		return switch (properties.getThreads()) {
			case VIRTUAL -> {
				if (!virtualThreadsAvailable) {
					throw new IllegalStateException("fastws.threads=virtual needs Java 21 or later, but this is Java "
							+ System.getProperty("java.specification.version") + ": use 'auto' or 'platform'");
				}
				yield WebSocketHandlerExecutor.virtualThreads();
			}
			case PLATFORM -> platformThreads(properties, environment);
			default -> virtualThreadsAvailable ? WebSocketHandlerExecutor.virtualThreads()
					: platformThreads(properties, environment);
		};
	}

	private static WebSocketHandlerExecutor platformThreads(FastWsProperties properties, Environment environment) {
		Integer maxSize = properties.getThreadPool().getMaxSize();
		int maxConnections = environment.getProperty(TOMCAT_MAX_CONNECTIONS, Integer.class,
				environment.getProperty(JETTY_MAX_CONNECTIONS, Integer.class,
						WebSocketHandlerExecutor.DEFAULT_MAX_PLATFORM_THREADS));
		// Tomcat and Jetty take -1 for no limit, which a pool cannot follow
		int maxThreads = (maxSize != null) ? maxSize
				: (maxConnections > 0) ? maxConnections : WebSocketHandlerExecutor.DEFAULT_MAX_PLATFORM_THREADS;
		return WebSocketHandlerExecutor.platformThreads(maxThreads, properties.getThreadPool().getKeepAlive());
	}

	@Bean
	@ConditionalOnMissingBean
	AnnotatedControllerConfigurer fastWsAnnotatedControllerConfigurer(FastWsProperties properties,
			WebSocketHandlerExecutor executor, ObjectProvider<JsonMapper> jsonMapper,
			@Qualifier("mvcConversionService") ObjectProvider<ConversionService> conversionService,
			ObjectProvider<WebSocketParameterValidator> validator,
			ObjectProvider<WebSocketArgumentResolver> customResolvers,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<WebSocketHandshakeObservationConvention> handshakeObservationConvention,
			ObjectProvider<WebSocketConnectionObservationConvention> connectionObservationConvention,
			ObjectProvider<WebSocketMessageMetrics> messageMetrics) {
		AnnotatedControllerConfigurer configurer = new AnnotatedControllerConfigurer();
		configurer.setExecutor(executor);
		jsonMapper.ifAvailable(configurer::setJsonMapper);
		configurer.setConversionService(conversionService.getIfAvailable(ApplicationConversionService::getSharedInstance));
		validator.ifAvailable(configurer::setParameterValidator);
		customResolvers.orderedStream().forEach(configurer::addCustomArgumentResolver);
		configurer.setConnectionSettings(connectionSettings(properties));
		configurer.setAllowedOrigins(properties.getAllowedOrigins());
		configurer.setAllowedOriginPatterns(properties.getAllowedOriginPatterns());
		configurer.setShutdownCloseCode(properties.getShutdown().getCloseCode());
		configurer.setShutdownTimeout(properties.getShutdown().getTimeout());
		configurer.setAccessLogEnabled(properties.getAccessLog().isEnabled());
		observationRegistry.ifAvailable(configurer::setObservationRegistry);
		configurer.setHandshakeObservationConvention(handshakeObservationConvention.getIfUnique());
		configurer.setConnectionObservationConvention(connectionObservationConvention.getIfUnique());
		messageMetrics.ifAvailable(configurer::setMessageMetrics);
		return configurer;
	}

	@Bean
	@ConditionalOnMissingBean
	WebSocketHandlerMapping fastWsHandlerMapping(AnnotatedControllerConfigurer configurer) {
		return configurer.createHandlerMapping();
	}

	private static ConnectionSettings connectionSettings(FastWsProperties properties) {
		return new ConnectionSettings(properties.getHandshakeTimeout(),
				Math.toIntExact(properties.getMaxTextMessageSize().toBytes()),
				Math.toIntExact(properties.getMaxBinaryMessageSize().toBytes()), properties.getIdleTimeout(),
				properties.getMaxQueuedMessages(), properties.isCompression(), properties.getSendTimeLimit(),
				properties.getSendBufferLimit().toBytes(), properties.getPingInterval(), properties.getPingTimeout());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Validator.class)
	static final class ParameterValidationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(Validator.class)
		WebSocketParameterValidator fastWsParameterValidator(Validator validator) {
			return new WebSocketParameterValidator(validator);
		}

	}

}
