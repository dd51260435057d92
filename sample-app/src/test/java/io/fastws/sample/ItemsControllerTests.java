package io.fastws.sample;

import java.util.List;

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
 * Tests for the items tutorial over a real port: spec items C4 to C6.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ItemsControllerTests {

	@LocalServerPort
	private int port;

	private WebSocketTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebSocketTestClient.forPort(this.port);
	}

	@Test
	void withASessionCookie() {
		try (WebSocketTestSession session = this.client.request("/items/foo/ws").cookie("session", "fakesession").connect()) {
			for (String message : List.of("Message one", "Message two")) {
				session.sendText(message);
				assertThat(session.receiveText()).isEqualTo("Session cookie or query token value is: fakesession");
				assertThat(session.receiveText()).isEqualTo("Message text was: " + message + ", for item ID: foo");
			}
		}
	}

	@Test
	void withAQueryToken() {
		try (WebSocketTestSession session = this.client.connect("/items/bar/ws?token=some-token")) {
			for (String message : List.of("Message one", "Message two")) {
				session.sendText(message);
				assertThat(session.receiveText()).isEqualTo("Session cookie or query token value is: some-token");
				assertThat(session.receiveText()).isEqualTo("Message text was: " + message + ", for item ID: bar");
			}
		}
	}

	@Test
	void withAQueryTokenAndQ() {
		try (WebSocketTestSession session = this.client.connect("/items/2/ws?q=3&token=some-token")) {
			for (String message : List.of("Message one", "Message two")) {
				session.sendText(message);
				assertThat(session.receiveText()).isEqualTo("Session cookie or query token value is: some-token");
				assertThat(session.receiveText()).isEqualTo("Query parameter q is: 3");
				assertThat(session.receiveText()).isEqualTo("Message text was: " + message + ", for item ID: 2");
			}
		}
	}

	@Test
	void withoutCookieOrTokenTheHandshakeIsRefused() {
		assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> this.client.connect("/items/foo/ws"))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(403));
	}

	@Test
	void withAnInvalidQTheHandshakeIsRefusedWithTheError() {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> this.client.connect("/items/foo/ws?q=bar&token=some-token"))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(403);
				assertThat(ex.getBodyAsString()).contains("\"name\":\"q\"").contains("\"input\":\"bar\"");
			});
	}

	@Test
	void withAnInvalidQAndNoCredentialsTheHandshakeIsRefused() {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> this.client.connect("/items/foo/ws?q=bar"))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(403));
	}

}
