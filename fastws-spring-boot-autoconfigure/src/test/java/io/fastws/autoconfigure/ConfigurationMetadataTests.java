package io.fastws.autoconfigure;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that IDEs can complete and explain every {@code fastws.*} property.
 */
class ConfigurationMetadataTests {

	@Test
	@SuppressWarnings("unchecked")
	void everyPropertyIsInTheMetadataWithADescription() throws Exception {
		Map<String, Object> metadata;
		try (InputStream input = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = JsonMapper.builder().build().readValue(input, Map.class);
		}
		List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
		assertThat(properties).extracting((property) -> property.get("name"))
			.containsExactlyInAnyOrder("fastws.enabled", "fastws.handshake-timeout", "fastws.threads",
					"fastws.thread-pool.max-size", "fastws.thread-pool.keep-alive", "fastws.max-text-message-size",
					"fastws.max-binary-message-size", "fastws.idle-timeout", "fastws.allowed-origins",
					"fastws.allowed-origin-patterns",
					"fastws.max-queued-messages", "fastws.compression", "fastws.send-time-limit",
					"fastws.send-buffer-limit", "fastws.ping-interval", "fastws.ping-timeout",
					"fastws.shutdown.close-code", "fastws.shutdown.timeout", "fastws.broadcast.backend",
					"fastws.broadcast.subscriber-queue-size", "fastws.broadcast.reconnect-interval");
		assertThat(properties).allSatisfy((property) -> assertThat((String) property.get("description")).isNotBlank());
	}

}
