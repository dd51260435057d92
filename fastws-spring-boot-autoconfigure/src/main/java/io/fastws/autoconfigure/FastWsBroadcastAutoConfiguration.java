package io.fastws.autoconfigure;

import io.fastws.broadcast.BroadcastBackend;
import io.fastws.broadcast.Broadcaster;
import io.fastws.broadcast.ConnectionGroups;
import io.fastws.broadcast.DefaultBroadcaster;
import io.fastws.broadcast.InMemoryBroadcastBackend;
import io.fastws.broadcast.RedisBroadcastBackend;
import io.lettuce.core.RedisClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Auto-configuration for broadcasting: a {@link Broadcaster} over the backend chosen with
 * {@code fastws.broadcast.backend}, and the application's {@link ConnectionGroups}.
 */
@AutoConfiguration(after = FastWsAutoConfiguration.class,
		afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "fastws.enabled", matchIfMissing = true)
@EnableConfigurationProperties(FastWsProperties.class)
public final class FastWsBroadcastAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ConnectionGroups fastWsConnectionGroups(ObjectProvider<JsonMapper> jsonMapper) {
		return new ConnectionGroups(jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
	}

	@Bean
	@ConditionalOnMissingBean
	Broadcaster fastWsBroadcaster(ObjectProvider<BroadcastBackend> backend, ObjectProvider<JsonMapper> jsonMapper,
			FastWsProperties properties) {
		BroadcastBackend chosen = backend.getIfAvailable(() -> {
			throw new IllegalStateException("fastws.broadcast.backend=" + properties.getBroadcast().getBackend()
					.name()
					.toLowerCase() + " needs spring-boot-starter-data-redis, with Lettuce, and a Redis connection factory");
		});
		return new DefaultBroadcaster(chosen, jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()),
				properties.getBroadcast().getSubscriberQueueSize());
	}

	@Bean
	@ConditionalOnMissingBean(BroadcastBackend.class)
	@ConditionalOnProperty(name = "fastws.broadcast.backend", havingValue = "memory", matchIfMissing = true)
	InMemoryBroadcastBackend fastWsInMemoryBroadcastBackend() {
		return new InMemoryBroadcastBackend();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ LettuceConnectionFactory.class, RedisClient.class })
	@ConditionalOnProperty(name = "fastws.broadcast.backend", havingValue = "redis")
	static final class RedisBackendConfiguration {

		@Bean
		@ConditionalOnMissingBean(BroadcastBackend.class)
		RedisBroadcastBackend fastWsRedisBroadcastBackend(ObjectProvider<LettuceConnectionFactory> connectionFactory,
				FastWsProperties properties) {
			FastWsProperties.Broadcast.Redis redis = properties.getBroadcast().getRedis();
			RedisBroadcastBackend backend = new RedisBroadcastBackend(connectionFactory.getObject(),
					redis.getReconnectInterval());
			backend.setHealthCheckInterval(redis.getHealthCheckInterval());
			backend.setTimeout(redis.getTimeout());
			return backend;
		}

	}

}
