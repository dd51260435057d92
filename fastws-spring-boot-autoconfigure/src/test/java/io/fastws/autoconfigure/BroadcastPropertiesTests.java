package io.fastws.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for binding the {@code fastws.broadcast.*} properties.
 */
class BroadcastPropertiesTests {

	@Test
	void theRedisSettingsDefaultToReconnectingEverySecondAndCheckingEverySecondWithATwoSecondTimeout() {
		FastWsProperties.Broadcast.Redis redis = bind(Map.of()).getBroadcast().getRedis();
		assertThat(redis.getReconnectInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(redis.getHealthCheckInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(redis.getTimeout()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void theRedisSettingsAreBoundFromTheirOwnProperties() {
		FastWsProperties.Broadcast.Redis redis = bind(Map.of("fastws.broadcast.redis.reconnect-interval", "250ms",
				"fastws.broadcast.redis.health-check-interval", "3s", "fastws.broadcast.redis.timeout", "500ms"))
			.getBroadcast()
			.getRedis();
		assertThat(redis.getReconnectInterval()).isEqualTo(Duration.ofMillis(250));
		assertThat(redis.getHealthCheckInterval()).isEqualTo(Duration.ofSeconds(3));
		assertThat(redis.getTimeout()).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void theDeprecatedReconnectIntervalStillSetsTheRedisOne() {
		FastWsProperties properties = bind(Map.of("fastws.broadcast.reconnect-interval", "300ms"));
		assertThat(properties.getBroadcast().getRedis().getReconnectInterval()).isEqualTo(Duration.ofMillis(300));
	}

	private static FastWsProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bind("fastws", FastWsProperties.class)
			.orElseGet(FastWsProperties::new);
	}

}
