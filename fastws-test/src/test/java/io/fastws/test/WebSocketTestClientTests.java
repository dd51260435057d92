package io.fastws.test;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link WebSocketTestClient}'s handshake against a plain Spring WebSocket server.
 */
@SpringBootTest(classes = ScriptedServerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class WebSocketTestClientTests {

	@LocalServerPort
	private int port;

	private WebSocketTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebSocketTestClient.forPort(this.port);
	}

	@Test
	void connectSendsQueryParametersCookiesHeadersAndSubprotocols() {
		try (WebSocketTestSession session = this.client.request("/script?q=1")
			.queryParam("token", "a b")
			.cookie("session", "fakesession")
			.header("X-Trace", "42")
			.subprotocols("chat.v1", "chat.v2")
			.connect()) {
			assertThat(session.getAcceptedSubprotocol()).isEqualTo("chat.v2");
			assertThat(session.getResponseHeaders().getFirst("Sec-WebSocket-Protocol")).isEqualTo("chat.v2");
			session.sendText("handshake");
			assertThat(session.receiveText()).isEqualTo("q=1&token=a%20b | session=fakesession | 42 | chat.v2");
		}
	}

	@Test
	void rejectedHandshakeThrowsHandshakeRejectedExceptionWithStatusHeadersAndBody() {
		assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> this.client.connect("/denied"))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(403);
				assertThat(ex.getHeaders().getFirst("X-Denied-By")).isEqualTo("interceptor");
				assertThat(ex.getBodyAsString()).isEqualTo("Not today");
				assertThat(ex).hasMessage("Handshake rejected with HTTP 403: Not today");
			});
	}

	@Test
	void handshakeToAnUnknownPathThrowsHandshakeRejectedExceptionWith404() {
		assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> this.client.connect("/nowhere"))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(404));
	}

}
