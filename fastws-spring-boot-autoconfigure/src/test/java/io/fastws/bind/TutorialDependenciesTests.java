package io.fastws.bind;

import java.util.List;
import java.util.Map;

import io.fastws.test.HandshakeRejectedException;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * FastAPI's second WebSocket tutorial, path, query, cookie and a dependency, over a real port: spec items
 * C4 to C6.
 */
@SpringBootTest(classes = BindingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class TutorialDependenciesTests {

	@LocalServerPort
	private int port;

	private WebSocketTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebSocketTestClient.forPort(this.port);
	}

	@Test
	void sessionCookieIsTheDependencyValue() {
		try (WebSocketTestSession session = this.client.request("/items/foo/ws").cookie("session", "fakesession").connect()) {
			for (String message : List.of("Message one", "Message two")) {
				session.sendText(message);
				assertThat(session.receiveText()).isEqualTo("Session cookie or query token value is: fakesession");
				assertThat(session.receiveText()).isEqualTo("Message text was: " + message + ", for item ID: foo");
			}
		}
	}

	@Test
	void queryTokenIsTheDependencyValueWhenThereIsNoCookie() {
		try (WebSocketTestSession session = this.client.connect("/items/bar/ws?token=some-token")) {
			session.sendText("Message one");
			assertThat(session.receiveText()).isEqualTo("Session cookie or query token value is: some-token");
			assertThat(session.receiveText()).isEqualTo("Message text was: Message one, for item ID: bar");
		}
	}

	@Test
	void queryParameterQIsConvertedAndEchoed() {
		try (WebSocketTestSession session = this.client.connect("/items/2/ws?q=3&token=some-token")) {
			session.sendText("Message one");
			assertThat(session.receiveText()).isEqualTo("Session cookie or query token value is: some-token");
			assertThat(session.receiveText()).isEqualTo("Query parameter q is: 3");
			assertThat(session.receiveText()).isEqualTo("Message text was: Message one, for item ID: 2");
		}
	}

	@Test
	void cookieWinsOverTokenAndAnEmptyTokenIsTheEmptyString() {
		try (WebSocketTestSession session = this.client.request("/items/foo/ws?token=t&q=7")
			.cookie("session", "fakesession")
			.connect()) {
			session.sendText("hello");
			assertThat(List.of(session.receiveText(), session.receiveText(), session.receiveText())).containsExactly(
					"Session cookie or query token value is: fakesession", "Query parameter q is: 7",
					"Message text was: hello, for item ID: foo");
		}
		try (WebSocketTestSession session = this.client.connect("/items/foo/ws?token=")) {
			session.sendText("hello");
			assertThat(session.receiveText()).isEqualTo("Session cookie or query token value is: ");
		}
	}

	@Test
	void noCookieAndNoTokenIsRejectedBeforeTheHandlerRuns() {
		assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> this.client.connect("/items/foo/ws"))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(403);
				assertThat(ex.getBody()).isEmpty();
			});
	}

	@Test
	void invalidQIsRejectedWithAJsonBodyAfterTheDependencyRanWell() {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> this.client.connect("/items/foo/ws?q=bar&token=some-token"))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(403);
				assertThat(ex.getHeaders().getContentType()).hasToString("application/json");
				assertThat(BindingTestSupport.errorsOf(ex)).containsExactly(Map.of("type", "conversion", "source", "query",
						"name", "q", "message", "'bar' is not a valid Integer", "input", "bar"));
			});
	}

	@Test
	void invalidQWithoutCredentialsIsRejectedByTheDependencyFirst() {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> this.client.connect("/items/foo/ws?q=bar"))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(403);
				assertThat(ex.getBody()).isEmpty();
			});
	}

}
