package io.fastws.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that IDEs can complete and explain every property of fastws.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyIsInTheMetadataWithADescription() throws Exception {
		List<Map<String, Object>> properties = properties();
		assertThat(properties).extracting((property) -> property.get("name"))
			.containsExactlyInAnyOrder("fastws.enabled", "fastws.handshake-timeout", "fastws.threads",
					"fastws.thread-pool.max-size", "fastws.thread-pool.keep-alive", "fastws.max-text-message-size",
					"fastws.max-binary-message-size", "fastws.idle-timeout", "fastws.allowed-origins",
					"fastws.allowed-origin-patterns",
					"fastws.max-queued-messages", "fastws.compression", "fastws.send-time-limit",
					"fastws.send-buffer-limit", "fastws.ping-interval", "fastws.ping-timeout",
					"fastws.shutdown.close-code", "fastws.shutdown.timeout", "fastws.access-log.enabled", "fastws.broadcast.backend",
					"fastws.broadcast.subscriber-queue-size", "fastws.broadcast.reconnect-interval",
					"fastws.broadcast.redis.reconnect-interval", "fastws.broadcast.redis.health-check-interval",
					"fastws.broadcast.redis.timeout", "management.endpoint.websockets.access",
					"management.endpoint.websockets.cache.time-to-live",
					"management.health.fastws-redis-broadcast.enabled");
		assertThat(properties).allSatisfy((property) -> assertThat((String) property.get("description")).isNotBlank());
	}

	@Test
	void theReconnectIntervalOutsideTheRedisSettingsIsDeprecatedForTheOneInside() throws Exception {
		assertThat(properties())
			.filteredOn((property) -> "fastws.broadcast.reconnect-interval".equals(property.get("name")))
			.singleElement()
			.satisfies((property) -> assertThat(property).containsEntry("deprecated", true)
				.containsEntry("deprecation",
						Map.of("replacement", "fastws.broadcast.redis.reconnect-interval", "since", "0.1.0")));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> properties() throws IOException {
		ClassPathResource resource = new ClassPathResource("META-INF/spring-configuration-metadata.json");
		try (InputStream input = resource.getInputStream()) {
			Map<String, Object> metadata = JsonMapper.builder().build().readValue(input, Map.class);
			return (List<Map<String, Object>>) metadata.get("properties");
		}
	}

}
