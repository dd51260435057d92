package io.fastws.server;

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

/**
 * Tests over a real port that a {@link WebSocketMessageMetrics} that throws when a message is sent, against
 * its contract, fails no send: the client gets every message and the handler carries on.
 */
@SpringBootTest(classes = { RoutingTestApplication.class, BrokenMessageMetricsTests.ThrowingMetrics.class },
		webEnvironment = WebEnvironment.RANDOM_PORT)
class BrokenMessageMetricsTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ThrowingMetrics metrics;

	@Test
	void aMeterThatThrowsWhenAMessageIsSentFailsNoSend() {
		try (WebSocketTestSession session = WebSocketTestClient.forPort(this.port).connect("/echo")) {
			session.sendText("one");
			assertThat(session.receiveText()).isEqualTo("Message text was: one");
			session.sendText("two");
			assertThat(session.receiveText()).isEqualTo("Message text was: two");
		}
		assertThat(this.metrics.sendsRecorded).hasValueGreaterThanOrEqualTo(2);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ThrowingMetrics {

		final AtomicInteger sendsRecorded = new AtomicInteger();

		@Bean
		WebSocketMessageMetrics throwingMessageMetrics() {
			return (route) -> new WebSocketMessageMetrics.RouteRecorder() {

				@Override
				public void sent(MessageType type, int size) {
					ThrowingMetrics.this.sendsRecorded.incrementAndGet();
					throw new IllegalStateException("broken meter");
				}

			};
		}

	}

}
