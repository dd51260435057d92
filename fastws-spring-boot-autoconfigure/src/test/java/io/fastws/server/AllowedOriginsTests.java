package io.fastws.server;

import java.util.List;

import io.fastws.test.HandshakeRejectedException;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests over a real port for {@code fastws.allowed-origins}: {@code *} lets a browser page from any origin
 * connect, while by default only the server's own origin (or no {@code Origin} header at all) gets in.
 */
class AllowedOriginsTests {

	/**
	 * With {@code fastws.allowed-origins=*}.
	 */
	@Nested
	@SpringBootTest(classes = GreetingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "fastws.allowed-origins=*")
	class AnyOrigin {

		@LocalServerPort
		private int port;

		@Test
		void aPageFromAnyOriginMayConnect() {
			for (String origin : List.of("https://anywhere.example", "http://127.0.0.1:1", "null")) {
				try (WebSocketTestSession session = WebSocketTestClient.forPort(this.port)
					.request("/greet")
					.header("Origin", origin)
					.connect()) {
					assertThat(session.receiveText()).isEqualTo("hello");
				}
			}
		}

	}

	/**
	 * With {@code fastws.allowed-origins} left at its default, empty.
	 */
	@Nested
	@SpringBootTest(classes = GreetingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	class ByDefault {

		@LocalServerPort
		private int port;

		@Autowired
		private GreetingTestApplication.Starts starts;

		@Test
		void aPageFromAForeignOriginIsRefused403AndNoHandlerRuns() {
			this.starts.list.clear();
			WebSocketTestClient client = WebSocketTestClient.forPort(this.port);
			assertThatExceptionOfType(HandshakeRejectedException.class)
				.isThrownBy(() -> client.request("/greet").header("Origin", "https://evil.example").connect())
				.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(403));
			try (WebSocketTestSession session = client.request("/greet")
				.header("Origin", "http://localhost:" + this.port)
				.connect()) {
				assertThat(session.receiveText()).isEqualTo("hello");
			}
			try (WebSocketTestSession session = client.connect("/greet")) {
				assertThat(session.receiveText()).isEqualTo("hello");
			}
			assertThat(this.starts.list).containsExactly("started", "started");
		}

	}

	/**
	 * With {@code fastws.allowed-origin-patterns=http://localhost:*}.
	 */
	@Nested
	@SpringBootTest(classes = GreetingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "fastws.allowed-origin-patterns=http://localhost:*")
	@ExtendWith(OutputCaptureExtension.class)
	class OriginPatterns {

		@LocalServerPort
		private int port;

		@Test
		void aPageFromAnOriginMatchingAPatternMayConnect() {
			try (WebSocketTestSession session = WebSocketTestClient.forPort(this.port)
				.request("/greet")
				.header("Origin", "http://localhost:5173")
				.connect()) {
				assertThat(session.receiveText()).isEqualTo("hello");
			}
		}

		@Test
		void aRefusedOriginIsNamedOnceInAWarningThatSaysWhichPropertyLetsItIn(CapturedOutput output) {
			WebSocketTestClient client = WebSocketTestClient.forPort(this.port);
			for (int i = 0; i < 3; i++) {
				assertThatExceptionOfType(HandshakeRejectedException.class)
					.isThrownBy(() -> client.request("/greet").header("Origin", "https://refused.example").connect())
					.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(403));
			}
			assertThat(output.getOut()).containsOnlyOnce("Refused a connection from origin 'https://refused.example' to "
					+ "WS /greet -> GreetingTestApplication.GreetingController#greet(WebSocket) with 403: it is not the "
					+ "server's own origin; allow it with fastws.allowed-origins or fastws.allowed-origin-patterns");
		}

	}

}
