package io.fastws.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fastws.FastWsTestApplication;
import io.fastws.WebSocket;
import io.fastws.WebSocketDisconnect;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.test.CloseFrame;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests over a real port for messages as both ends see them: binary messages, malformed JSON, and a
 * message over the size limit.
 */
@SpringBootTest(classes = WebSocketMessagesTests.MessagesApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "fastws.max-text-message-size=1KB", "fastws.max-binary-message-size=128KB" })
class WebSocketMessagesTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Events events;

	private WebSocketTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebSocketTestClient.forPort(this.port).withReceiveTimeout(Duration.ofSeconds(10));
		this.events.list.clear();
	}

	@Test
	void binaryMessagesAreEchoedByteForByte() {
		byte[] everyByteValue = new byte[256];
		for (int i = 0; i < everyByteValue.length; i++) {
			everyByteValue[i] = (byte) i;
		}
		byte[] large = new byte[100_000];
		new Random(42).nextBytes(large);
		try (WebSocketTestSession session = this.client.connect("/echo-bytes")) {
			for (byte[] payload : List.of(everyByteValue, new byte[0], large)) {
				session.sendBytes(payload);
				assertThat(session.receiveBytes()).isEqualTo(payload);
			}
		}
	}

	@Test
	void malformedJsonWhereTheHandlerCallsReceiveJsonClosesWith1007() {
		try (WebSocketTestSession session = this.client.connect("/echo-json")) {
			session.sendText("{\"item\": 1}");
			assertThat(session.receiveJson()).isEqualTo(Map.of("item", 1));
			session.sendText("{\"item\": ");
			CloseFrame close = session.awaitClose();
			assertThat(close.code()).isEqualTo(1007);
			assertThat(close.reason()).startsWith("Invalid JSON for Object: ");
		}
	}

	@Test
	void aMessageOverTheLimitClosesWith1009AndTheHandlersNextReceiveThrowsWebSocketDisconnect1009() {
		try (WebSocketTestSession session = this.client.connect("/record-receives")) {
			session.sendText("x".repeat(1024));
			assertThat(session.receiveText()).isEqualTo("received 1024 characters");
			session.sendText("x".repeat(1025));
			assertThat(session.awaitClose().code()).isEqualTo(1009);
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.events.list).containsExactly("received 1024 characters",
					"WebSocketDisconnect 1009"));
	}

	/**
	 * The application under test: echo routes and a route that records what it receives.
	 */
	@FastWsTestApplication
	static class MessagesApplication {

		@Bean
		Events events() {
			return new Events();
		}

		@Bean
		MessagesController messagesController(Events events) {
			return new MessagesController(events);
		}

	}

	/**
	 * What handlers saw, in order.
	 */
	static class Events {

		final List<String> list = new CopyOnWriteArrayList<>();

	}

	/**
	 * Echoes binary messages and JSON, and records what a handler receives.
	 */
	@WebSocketController
	static class MessagesController {

		private final Events events;

		MessagesController(Events events) {
			this.events = events;
		}

		@WebSocketMapping("/echo-bytes")
		void echoBytes(WebSocket webSocket) {
			webSocket.accept();
			for (byte[] bytes : webSocket.iterBytes()) {
				webSocket.sendBytes(bytes);
			}
		}

		@WebSocketMapping("/echo-json")
		void echoJson(WebSocket webSocket) {
			webSocket.accept();
			while (true) {
				webSocket.sendJson(webSocket.receiveJson());
			}
		}

		@WebSocketMapping("/record-receives")
		void recordReceives(WebSocket webSocket) {
			webSocket.accept();
			try {
				while (true) {
					String text = webSocket.receiveText();
					this.events.list.add("received " + text.length() + " characters");
					webSocket.sendText("received " + text.length() + " characters");
				}
			}
			catch (WebSocketDisconnect ex) {
				this.events.list.add("WebSocketDisconnect " + ex.getCode());
				throw ex;
			}
		}

	}

}
