package io.fastws.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.fastws.broadcast.RedisServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the health of the Redis broadcast backend, with a real Redis server that stops and starts
 * again.
 */
class RedisBroadcastHealthTests {

	private static final String CONTRIBUTOR = "fastWsRedisBroadcast";

	private final HttpClient httpClient = HttpClient.newHttpClient();

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private RedisServer redis;

	private ConfigurableApplicationContext context;

	@AfterEach
	void stop() throws Exception {
		if (this.context != null) {
			this.context.close();
		}
		if (this.redis != null) {
			this.redis.stop();
		}
	}

	@Test
	void theRedisBroadcastContributorIsDownWhileRedisIsStoppedAndUpAgainOnceItIsBack() throws Exception {
		this.redis = RedisServer.startOwn();
		this.context = new SpringApplicationBuilder(ActuatorTestApplication.class).run("--server.port=0",
				"--fastws.broadcast.backend=redis", "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + this.redis.port(), "--fastws.broadcast.redis.reconnect-interval=200ms",
				"--management.endpoints.web.exposure.include=websockets,health",
				"--management.endpoint.health.show-details=always", "--management.health.redis.enabled=false");
		await().atMost(Duration.ofSeconds(10)).until(() -> contributor().get("status").equals("UP"));
		assertThat(backendAvailable()).isEqualTo(1);
		this.redis.stop();
		await().atMost(Duration.ofSeconds(5)).until(() -> contributor().get("status").equals("DOWN"));
		assertThat(contributor()).containsEntry("details",
				Map.of("error", "Redis cannot be reached: broadcasts reach this instance's subscribers only"));
		assertThat(backendAvailable()).isZero();
		this.redis.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> contributor().get("status").equals("UP"));
		assertThat(backendAvailable()).isEqualTo(1);
	}

	private double backendAvailable() {
		return this.context.getBean(MeterRegistry.class).get("fastws.broadcast.backend.available").gauge().value();
	}

	@Test
	void theWebSocketsEndpointShowsTheRedisBackendAndItsSettings() throws Exception {
		this.redis = RedisServer.startOwn();
		this.context = new SpringApplicationBuilder(ActuatorTestApplication.class).run("--server.port=0",
				"--fastws.broadcast.backend=redis", "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + this.redis.port(), "--fastws.broadcast.redis.reconnect-interval=200ms",
				"--management.endpoints.web.exposure.include=websockets");
		@SuppressWarnings("unchecked")
		Map<String, Object> settings = (Map<String, Object>) get("/actuator/websockets").get("settings");
		assertThat(settings).containsEntry("broadcast", Map.of("backend", "redis", "subscriberQueueSize", 1024,
				"redis", Map.of("reconnectInterval", "PT0.2S", "healthCheckInterval", "PT1S", "timeout", "PT2S")));
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> contributor() throws IOException, InterruptedException {
		Map<String, Object> components = (Map<String, Object>) get("/actuator/health").get("components");
		return (Map<String, Object>) components.get(CONTRIBUTOR);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> get(String path) throws IOException, InterruptedException {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build();
		HttpResponse<String> response = this.httpClient.send(request, HttpResponse.BodyHandlers.ofString());
		return this.jsonMapper.readValue(response.body(), Map.class);
	}

}
