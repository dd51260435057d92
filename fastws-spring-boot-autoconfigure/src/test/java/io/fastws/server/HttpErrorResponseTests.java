package io.fastws.server;

import java.time.Duration;
import java.util.Map;

import io.fastws.test.CloseFrame;
import io.fastws.test.HandshakeRejectedException;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests over a real port that Spring's HTTP errors ({@code ResponseStatusException} and any
 * {@code ErrorResponse}) thrown before accept answer the handshake with their status, headers and a
 * problem-detail body, and after accept close the connection with 1008.
 */
@SpringBootTest(classes = HttpErrorTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class HttpErrorResponseTests {

	@LocalServerPort
	private int port;

	private WebSocketTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebSocketTestClient.forPort(this.port).withReceiveTimeout(Duration.ofSeconds(20));
	}

	@Test
	void anErrorResponseFromADependencyIsTheHandshakeResponseWithItsHeadersAndAProblemDetail() {
		HandshakeRejectedException rejection = catchThrowableOfType(HandshakeRejectedException.class,
				() -> this.client.connect("/needs-token"));
		assertThat(rejection.getStatus()).isEqualTo(401);
		assertThat(rejection.getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
		assertThat(rejection.getHeaders().getFirst("Content-Type")).isEqualTo("application/problem+json");
		assertThat(json(rejection)).containsExactly(Map.entry("title", "Unauthorized"), Map.entry("status", 401),
				Map.entry("detail", "A token is required"), Map.entry("instance", "/needs-token"));
		try (WebSocketTestSession session = this.client.request("/needs-token").queryParam("token", "t1").connect()) {
			assertThat(session.receiveText()).isEqualTo("hello t1");
		}
	}

	@Test
	void aResponseStatusExceptionFromTheHandlerBeforeAcceptIsTheHandshakeResponse() {
		HandshakeRejectedException rejection = catchThrowableOfType(HandshakeRejectedException.class,
				() -> this.client.connect("/teapot"));
		assertThat(rejection.getStatus()).isEqualTo(418);
		assertThat(json(rejection)).containsEntry("title", "I'm a teapot")
			.containsEntry("detail", "Short and stout")
			.containsEntry("status", 418);
	}

	@Test
	void aResponseStatusExceptionAfterAcceptClosesWith1008AndItsDetail() {
		try (WebSocketTestSession session = this.client.connect("/forbidden-after-accept")) {
			CloseFrame close = session.awaitClose();
			assertThat(close.code()).isEqualTo(1008);
			assertThat(close.reason()).isEqualTo("Not your room");
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(HandshakeRejectedException rejection) {
		return JsonMapper.builder().build().readValue(rejection.getBody(), Map.class);
	}

}
