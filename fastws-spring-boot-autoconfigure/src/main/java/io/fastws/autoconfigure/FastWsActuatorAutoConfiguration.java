package io.fastws.autoconfigure;

import java.time.Duration;

import io.fastws.actuate.MicrometerWebSocketMessageMetrics;
import io.fastws.actuate.RedisBroadcastHealthIndicator;
import io.fastws.actuate.WebSocketServerMetrics;
import io.fastws.actuate.WebSocketsEndpoint;
import io.fastws.actuate.WebSocketsEndpoint.BroadcastDescriptor;
import io.fastws.actuate.WebSocketsEndpoint.RedisDescriptor;
import io.fastws.actuate.WebSocketsEndpoint.SettingsDescriptor;
import io.fastws.actuate.WebSocketsEndpoint.ShutdownDescriptor;
import io.fastws.broadcast.BroadcastBackend;
import io.fastws.broadcast.Broadcaster;
import io.fastws.broadcast.DefaultBroadcaster;
import io.fastws.broadcast.InMemoryBroadcastBackend;
import io.fastws.broadcast.RedisBroadcastBackend;
import io.fastws.server.WebSocketHandlerExecutor;
import io.fastws.server.WebSocketHandlerMapping;
import io.fastws.server.observation.WebSocketMessageMetrics;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration for fastws's Actuator support: the {@link WebSocketsEndpoint websockets endpoint}, the
 * Micrometer meters of messages, threads and broadcasts, and a {@link RedisBroadcastHealthIndicator health
 * indicator} when broadcasts go through Redis. Each backs off
 * when its part of Actuator is not on the class path.
 */
@AutoConfiguration(after = { FastWsAutoConfiguration.class, FastWsBroadcastAutoConfiguration.class },
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnBooleanProperty(name = "fastws.enabled", matchIfMissing = true)
@EnableConfigurationProperties(FastWsProperties.class)
public final class FastWsActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
	@ConditionalOnBean(WebSocketHandlerMapping.class)
	static final class WebSocketsEndpointConfiguration {

		private static final String REDIS_BACKEND = "io.fastws.broadcast.RedisBroadcastBackend";

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		WebSocketsEndpoint fastWsWebSocketsEndpoint(WebSocketHandlerMapping handlerMapping,
				FastWsProperties properties, ObjectProvider<WebSocketHandlerExecutor> executor,
				ObjectProvider<BroadcastBackend> broadcastBackend) {
			return new WebSocketsEndpoint(handlerMapping,
					settings(properties, executor.getIfAvailable(), broadcastBackend.getIfAvailable()));
		}

		private static SettingsDescriptor settings(FastWsProperties properties,
				@Nullable WebSocketHandlerExecutor executor, @Nullable BroadcastBackend broadcastBackend) {
			String threads = (executor != null) ? (executor.isVirtual() ? "virtual" : "platform") : null;
			ShutdownDescriptor shutdown = new ShutdownDescriptor(properties.getShutdown().getCloseCode(),
					format(properties.getShutdown().getTimeout()));
			BroadcastDescriptor broadcast = (broadcastBackend != null)
					? broadcast(properties.getBroadcast(), broadcastBackend) : null;
			return new SettingsDescriptor(threads, format(properties.getHandshakeTimeout()),
					properties.getMaxTextMessageSize().toString(), properties.getMaxBinaryMessageSize().toString(),
					properties.getMaxQueuedMessages(), format(properties.getIdleTimeout()), properties.isCompression(),
					format(properties.getSendTimeLimit()), properties.getSendBufferLimit().toString(),
					format(properties.getPingInterval()), format(properties.getPingTimeout()),
					properties.getAllowedOrigins(), properties.getAllowedOriginPatterns(), shutdown, broadcast);
		}

		private static BroadcastDescriptor broadcast(FastWsProperties.Broadcast properties,
				BroadcastBackend backend) {
			Class<?> backendType = ClassUtils.getUserClass(backend);
			if (backendType == InMemoryBroadcastBackend.class) {
				return new BroadcastDescriptor("memory", properties.getSubscriberQueueSize(), null);
			}
			if (backendType.getName().equals(REDIS_BACKEND)) {
				// compared by name: the Redis backend's class needs Lettuce, which may not be there
				FastWsProperties.Broadcast.Redis redis = properties.getRedis();
				return new BroadcastDescriptor("redis", properties.getSubscriberQueueSize(),
						new RedisDescriptor(format(redis.getReconnectInterval()),
								format(redis.getHealthCheckInterval()), format(redis.getTimeout())));
			}
			return new BroadcastDescriptor(backendType.getName(), properties.getSubscriberQueueSize(), null);
		}

		private static @Nullable String format(@Nullable Duration duration) {
			return (duration != null) ? duration.toString() : null;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean({ MeterRegistry.class, WebSocketHandlerExecutor.class })
	static final class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(WebSocketMessageMetrics.class)
		MicrometerWebSocketMessageMetrics fastWsMessageMetrics(MeterRegistry registry) {
			return new MicrometerWebSocketMessageMetrics(registry);
		}

		@Bean
		@ConditionalOnMissingBean
		WebSocketServerMetrics fastWsServerMetrics(WebSocketHandlerExecutor executor,
				ObjectProvider<Broadcaster> broadcaster, ObjectProvider<BroadcastBackend> broadcastBackend) {
			DefaultBroadcaster defaultBroadcaster = (broadcaster.getIfAvailable() instanceof DefaultBroadcaster found)
					? found : null;
			return new WebSocketServerMetrics(executor, defaultBroadcaster, broadcastBackend.getIfAvailable());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class,
			LettuceConnectionFactory.class, RedisClient.class })
	@ConditionalOnBean(RedisBroadcastBackend.class)
	static final class RedisBroadcastHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnEnabledHealthIndicator("fastws-redis-broadcast")
		RedisBroadcastHealthIndicator fastWsRedisBroadcastHealthIndicator(RedisBroadcastBackend backend) {
			return new RedisBroadcastHealthIndicator(backend);
		}

	}

}
