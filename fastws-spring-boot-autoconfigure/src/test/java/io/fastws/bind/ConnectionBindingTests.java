package io.fastws.bind;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests over a real port for parameters bound by type: the Spring Security principal, the handshake
 * headers, beans, and a custom resolver that comes before the bean fallback.
 */
@SpringBootTest(classes = BindingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ConnectionBindingTests {

	@LocalServerPort
	private int port;

	private WebSocketTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebSocketTestClient.forPort(this.port);
	}

	@Test
	void theAuthenticatedUserOfTheUpgradeRequestIsThePrincipal() {
		String credentials = Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
		try (WebSocketTestSession session = this.client.request("/whoami")
			.header("Authorization", "Basic " + credentials)
			.header("X-Trace", "t-1")
			.header("X-Greeting", "hello")
			.connect()) {
			assertThat(session.receiveText()).isEqualTo("alice t-1 hello true");
		}
	}

	@Test
	void anAnonymousClientHasNoPrincipal() {
		try (WebSocketTestSession session = this.client.request("/whoami").header("X-Greeting", "hi").connect()) {
			assertThat(session.receiveText()).isEqualTo("anonymous null hi true");
		}
		try (WebSocketTestSession session = this.client.connect("/principal")) {
			assertThat(session.receiveText()).isEqualTo("null");
		}
	}

}
