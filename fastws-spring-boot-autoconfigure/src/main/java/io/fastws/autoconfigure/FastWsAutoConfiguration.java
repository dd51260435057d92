package io.fastws.autoconfigure;

import java.util.ArrayList;
import java.util.List;

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
import io.fastws.server.ConnectionSettings;
import io.fastws.server.WebSocketControllerDetector;
import io.fastws.server.WebSocketHandlerExecutor;
import io.fastws.server.WebSocketHandlerMapping;
import jakarta.validation.Validator;
import jakarta.websocket.server.ServerContainer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.system.JavaVersion;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.ConversionService;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.socket.WebSocketHandler;

/**
 * Auto-configuration for fastws: maps the routes of every
 * {@link io.fastws.annotation.WebSocketController @WebSocketController} in a servlet web application.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration",
		"org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, WebSocketHandler.class, ServerContainer.class })
@ConditionalOnBooleanProperty(name = "fastws.enabled", matchIfMissing = true)
@EnableConfigurationProperties(FastWsProperties.class)
public final class FastWsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WebSocketHandlerExecutor fastWsHandlerExecutor(FastWsProperties properties) {
		boolean virtualThreadsAvailable = JavaVersion.getJavaVersion().isEqualOrNewerThan(JavaVersion.TWENTY_ONE);
		switch (properties.getThreads()) {
			case VIRTUAL -> {
				if (!virtualThreadsAvailable) {
					throw new IllegalStateException("fastws.threads=virtual needs Java 21 or later, but this is Java "
							+ System.getProperty("java.specification.version") + ": use 'auto' or 'platform'");
				}
				return WebSocketHandlerExecutor.virtualThreads();
			}
			case PLATFORM -> {
				return platformThreads(properties);
			}
			default -> {
				return virtualThreadsAvailable ? WebSocketHandlerExecutor.virtualThreads() : platformThreads(properties);
			}
		}
	}

	private static WebSocketHandlerExecutor platformThreads(FastWsProperties properties) {
		return WebSocketHandlerExecutor.platformThreads(properties.getThreadPool().getMaxSize(),
				properties.getThreadPool().getKeepAlive());
	}

	@Bean
	@ConditionalOnMissingBean
	WebSocketHandlerMapping fastWsHandlerMapping(ApplicationContext context, FastWsProperties properties,
			WebSocketHandlerExecutor executor, ObjectProvider<JsonMapper> jsonMapper,
			@Qualifier("mvcConversionService") ObjectProvider<ConversionService> conversionService,
			ObjectProvider<WebSocketParameterValidator> validator,
			ObjectProvider<WebSocketArgumentResolver> customResolvers) {
		WebSocketArgumentResolverComposite resolvers = argumentResolvers(context,
				conversionService.getIfAvailable(ApplicationConversionService::getSharedInstance),
				validator.getIfAvailable(), customResolvers.orderedStream().toList());
		WebSocketControllerDetector detector = new WebSocketControllerDetector(resolvers, validator.getIfAvailable());
		return new WebSocketHandlerMapping(detector.detectRoutes(context), executor,
				jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()), connectionSettings(properties),
				properties.getAllowedOrigins());
	}

	private static WebSocketArgumentResolverComposite argumentResolvers(ApplicationContext context,
			ConversionService conversionService, WebSocketParameterValidator validator,
			List<WebSocketArgumentResolver> customResolvers) {
		ConfigurableBeanFactory beanFactory = (context instanceof ConfigurableApplicationContext configurable)
				? configurable.getBeanFactory() : null;
		DependsArgumentResolver dependsResolver = new DependsArgumentResolver(context, validator);
		List<WebSocketArgumentResolver> resolvers = new ArrayList<>();
		resolvers.add(new ConnectionArgumentResolver());
		resolvers.add(new PathVariableArgumentResolver(conversionService, beanFactory));
		resolvers.add(new RequestParamArgumentResolver(conversionService, beanFactory, false));
		resolvers.add(new RequestHeaderArgumentResolver(conversionService, beanFactory));
		resolvers.add(new CookieValueArgumentResolver(conversionService, beanFactory));
		resolvers.add(dependsResolver);
		resolvers.addAll(customResolvers);
		resolvers.add(new BeanArgumentResolver(context));
		resolvers.add(new RequestParamArgumentResolver(conversionService, beanFactory, true));
		WebSocketArgumentResolverComposite composite = new WebSocketArgumentResolverComposite(resolvers);
		dependsResolver.setArgumentResolver(composite);
		return composite;
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

	private static ConnectionSettings connectionSettings(FastWsProperties properties) {
		return new ConnectionSettings(properties.getHandshakeTimeout(),
				Math.toIntExact(properties.getMaxTextMessageSize().toBytes()),
				Math.toIntExact(properties.getMaxBinaryMessageSize().toBytes()), properties.getIdleTimeout(),
				properties.getMaxQueuedMessages(), properties.isCompression(), properties.getSendTimeLimit(),
				properties.getSendBufferLimit().toBytes());
	}

}
