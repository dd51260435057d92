package io.fastws.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.fastws.bind.WebSocketArgumentResolver;
import io.fastws.bind.WebSocketArgumentResolverComposite;
import io.fastws.bind.WebSocketParameterResolver;
import io.fastws.server.ConnectionSettings;
import io.fastws.server.WebSocketControllerDetector;
import io.fastws.server.WebSocketHandlerExecutor;
import io.fastws.server.WebSocketHandlerMapping;
import jakarta.websocket.server.ServerContainer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.system.JavaVersion;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.socket.WebSocketHandler;

/**
 * Auto-configuration for fastws: maps the routes of every
 * {@link io.fastws.annotation.WebSocketController @WebSocketController} in a servlet web application.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
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
			ObjectProvider<WebSocketArgumentResolver> customResolvers) {
		List<WebSocketArgumentResolver> resolvers = new ArrayList<>(customResolvers.orderedStream().toList());
		resolvers.add(new WebSocketParameterResolver());
		WebSocketControllerDetector detector = new WebSocketControllerDetector(
				new WebSocketArgumentResolverComposite(resolvers));
		return new WebSocketHandlerMapping(detector.detectRoutes(context), executor,
				jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()), connectionSettings(properties),
				properties.getAllowedOrigins());
	}

	private static ConnectionSettings connectionSettings(FastWsProperties properties) {
		return new ConnectionSettings(properties.getHandshakeTimeout(),
				Math.toIntExact(properties.getMaxTextMessageSize().toBytes()),
				Math.toIntExact(properties.getMaxBinaryMessageSize().toBytes()), properties.getIdleTimeout(),
				properties.getMaxQueuedMessages(), properties.isCompression());
	}

}
