package io.fastws.actuate;

import java.time.Duration;

import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests over a real port that an upgrade request shows in {@code http.server.requests} under its route's
 * template, as a request to a controller does, rather than as {@code UNKNOWN}.
 */
@SpringBootTest(classes = ActuatorTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.health.redis.enabled=false")
class HandshakeRequestMetricsTests {

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meterRegistry;

	@Test
	void anUpgradeRequestIsTimedUnderItsRouteTemplate() {
		try (WebSocketTestSession session = WebSocketTestClient.forPort(this.port)
			.request("/chat/kitchen")
			.header("X-Client", "test")
			.connect()) {
			assertThat(session.isOpen()).isTrue();
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.meterRegistry.find("http.server.requests")
				.tag("uri", "/chat/{room}")
				.timer()).isNotNull());
		assertThat(this.meterRegistry.find("http.server.requests").tag("uri", "UNKNOWN").timer()).isNull();
	}

}
