package io.fastws.server;

import java.time.Duration;

import io.fastws.test.HandshakeRejectedException;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests over a real port for the access log on {@code io.fastws.access}: a line per handshake outcome and
 * per closed connection, saying why a handshake was refused, with what came from the client escaped.
 */
@ExtendWith(OutputCaptureExtension.class)
class AccessLogTests {

	/**
	 * With the access log on, as by default.
	 */
	@Nested
	@SpringBootTest(classes = RoutingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	class ByDefault {

		@LocalServerPort
		private int port;

		@Test
		void anAcceptedConnectionLogsItsHandshakeAndItsCloseWithTheMessagesCounted(CapturedOutput output) {
			try (WebSocketTestSession session = WebSocketTestClient.forPort(this.port).connect("/echo?token=secret")) {
				session.sendText("one");
				assertThat(session.receiveText()).isEqualTo("Message text was: one");
				session.sendText("two");
				assertThat(session.receiveText()).isEqualTo("Message text was: two");
			}
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut())
				.containsPattern("io\\.fastws\\.access\\s+: 127\\.0\\.0\\.1:\\d+ - \"WebSocket /echo\" 101 /echo \\d+ ms\\R")
				.containsPattern("io\\.fastws\\.access\\s+: 127\\.0\\.0\\.1:\\d+ - \"WebSocket /echo\" closed 1000 /echo "
						+ "after \\d+ ms, 2 messages in, 2 out")
				.doesNotContain("token=secret"));
		}

		@Test
		void aMessageSentInFragmentsCountsOnceWhenItIsComplete(CapturedOutput output) {
			String large = "x".repeat(20_000);
			try (WebSocketTestSession session = WebSocketTestClient.forPort(this.port).connect("/echo")) {
				session.sendFragmented(large, 1000);
				assertThat(session.receiveText()).isEqualTo("Message text was: " + large);
				session.sendFragmented("two", 1);
				assertThat(session.receiveText()).isEqualTo("Message text was: two");
			}
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut())
				.containsPattern("\"WebSocket /echo\" closed 1000 /echo after \\d+ ms, 2 messages in, 2 out"));
		}

		@Test
		void aRefusedHandshakeLogsItsStatusAndWhy(CapturedOutput output) {
			WebSocketTestClient client = WebSocketTestClient.forPort(this.port);
			assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> client.connect("/reject"));
			assertThatExceptionOfType(HandshakeRejectedException.class)
				.isThrownBy(() -> client.request("/echo").header("Origin", "https://evil.example\"").connect());
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut())
				.containsPattern("\"WebSocket /reject\" 403 /reject \\d+ ms: closed by the handler with 4000 before accepting")
				.contains("\"WebSocket /echo\" 403 /echo ")
				.contains("ms: origin https://evil.example\\\" not allowed"));
		}

	}

	/**
	 * With {@code fastws.access-log.enabled=false}.
	 */
	@Nested
	@SpringBootTest(classes = RoutingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "fastws.access-log.enabled=false")
	class Disabled {

		@LocalServerPort
		private int port;

		@Test
		void nothingIsLogged(CapturedOutput output) {
			try (WebSocketTestSession session = WebSocketTestClient.forPort(this.port).connect("/echo")) {
				session.sendText("one");
				assertThat(session.receiveText()).isEqualTo("Message text was: one");
			}
			assertThatExceptionOfType(HandshakeRejectedException.class)
				.isThrownBy(() -> WebSocketTestClient.forPort(this.port).connect("/reject"));
			// a connection of an earlier test class may still log its close meanwhile
			assertThat(output.getOut()).doesNotContain("\"WebSocket /echo\"").doesNotContain("\"WebSocket /reject\"");
		}

	}

}
