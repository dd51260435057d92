package io.fastws.server;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.fastws.server.observation.WebSocketMessageMetrics;
import io.fastws.server.observation.WebSocketMessageMetrics.MessageType;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests over a real port that a {@link WebSocketMessageMetrics} that throws whenever it records, against its
 * contract, fails nothing it records: every message is received and sent, and the handler carries on.
 */
@SpringBootTest(classes = { RoutingTestApplication.class, BrokenMessageMetricsTests.ThrowingMetrics.class },
		webEnvironment = WebEnvironment.RANDOM_PORT)
class BrokenMessageMetricsTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ThrowingMetrics metrics;

	@Test
	void aMeterThatThrowsWhenItRecordsFailsNoMessage() {
		try (WebSocketTestSession session = WebSocketTestClient.forPort(this.port).connect("/echo")) {
			session.sendText("one");
			assertThat(session.receiveText()).isEqualTo("Message text was: one");
			session.sendText("two");
			assertThat(session.receiveText()).isEqualTo("Message text was: two");
		}
		// a send is recorded once its write has ended, which the client may see first
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.metrics.recorded).hasValueGreaterThanOrEqualTo(4));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ThrowingMetrics {

		final AtomicInteger recorded = new AtomicInteger();

		@Bean
		WebSocketMessageMetrics throwingMessageMetrics() {
			return (route) -> new WebSocketMessageMetrics.RouteRecorder() {

				@Override
				public void received(MessageType type, int size) {
					fail();
				}

				@Override
				public void sent(MessageType type, int size) {
					fail();
				}

				@Override
				public void readingSuspended() {
					fail();
				}

				private void fail() {
					ThrowingMetrics.this.recorded.incrementAndGet();
					throw new IllegalStateException("broken meter");
				}

			};
		}

	}

}
