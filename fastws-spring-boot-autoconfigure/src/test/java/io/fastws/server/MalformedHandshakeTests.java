package io.fastws.server;

import java.util.ArrayList;
import java.util.List;

import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests over a real port for upgrade requests that Spring's handshake validation refuses before any
 * handler runs, written by hand over a plain socket.
 */
@SpringBootTest(classes = GreetingTestApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT)
class MalformedHandshakeTests {

	private static final String KEY = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==";

	@LocalServerPort
	private int port;

	@Autowired
	private GreetingTestApplication.Starts starts;

	@BeforeEach
	void clearStarts() {
		this.starts.list.clear();
	}

	@Test
	void aHandshakeWithoutSecWebSocketKeyIsAnswered400AndRunsNoHandler() throws Exception {
		try (RawUpgradeRequest request = upgrade(without(KEY))) {
			assertThat(request.status()).isEqualTo(400);
		}
		assertNoHandlerRanBeforeAValidConnection();
	}

	@Test
	void aHandshakeWithoutConnectionUpgradeIsAnswered400AndRunsNoHandler() throws Exception {
		try (RawUpgradeRequest request = upgrade(without("Connection: Upgrade"))) {
			assertThat(request.status()).isEqualTo(400);
			if (!TestedContainer.isJetty()) {
				// Jetty answers it itself, with its own error page, before any servlet sees it
				assertThat(request.body()).isEqualTo("\"Connection\" must be \"upgrade\".");
			}
		}
		assertNoHandlerRanBeforeAValidConnection();
	}

	@Test
	void aHandshakeWithAnUnsupportedVersionIsAnswered426NamingVersion13AndRunsNoHandler() throws Exception {
		List<String> lines = without("Sec-WebSocket-Version: 13");
		lines.add("Sec-WebSocket-Version: 8");
		try (RawUpgradeRequest request = upgrade(lines)) {
			assertThat(request.status()).isEqualTo(426);
			assertThat(request.headers().get("Sec-WebSocket-Version")).containsExactly("13");
		}
		assertNoHandlerRanBeforeAValidConnection();
	}

	private RawUpgradeRequest upgrade(List<String> headerLines) throws Exception {
		return RawUpgradeRequest.send(this.port, "/greet", headerLines);
	}

	private static List<String> without(String line) {
		List<String> lines = new ArrayList<>(
				List.of("Upgrade: websocket", "Connection: Upgrade", KEY, "Sec-WebSocket-Version: 13"));
		assertThat(lines.remove(line)).isTrue();
		return lines;
	}

	/**
	 * A handler decides its handshake before the upgrade is answered, so once a valid connection on the same
	 * route has been greeted, a handler started for the malformed request would have left its mark.
	 */
	private void assertNoHandlerRanBeforeAValidConnection() {
		try (WebSocketTestSession session = WebSocketTestClient.forPort(this.port).connect("/greet")) {
			assertThat(session.receiveText()).isEqualTo("hello");
		}
		assertThat(this.starts.list).containsExactly("started");
	}

}
