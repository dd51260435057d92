package io.fastws.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.fastws.JsonMode;
import io.fastws.WebSocketEndpoint;
import io.fastws.server.EndpointTestApplication.Disconnects;
import io.fastws.test.CloseFrame;
import io.fastws.test.HandshakeRejectedException;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.BeforeEach;
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
import static org.awaitility.Awaitility.await;

/**
 * Tests over a real port for {@link WebSocketEndpoint} classes, as Starlette's {@code WebSocketEndpoint}
 * behaves: each encoding, a message it cannot decode, and the close code {@code onDisconnect} gets.
 */
@SpringBootTest(classes = EndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class WebSocketEndpointTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Disconnects disconnects;

	@Autowired
	private WebSocketHandlerExecutor executor;

	private WebSocketTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebSocketTestClient.forPort(this.port).withReceiveTimeout(Duration.ofSeconds(10));
		// the endpoints of the previous test may still be in onDisconnect
		awaitNoHandlerRunning();
		this.disconnects.list.clear();
	}

	@Test
	void aTextEndpointReceivesEachTextMessageAsAString() {
		try (WebSocketTestSession session = this.client.connect("/cls/text")) {
			session.sendText("Hello, world!");
			assertThat(session.receiveText()).isEqualTo("Message text was: Hello, world!");
			session.sendText("");
			assertThat(session.receiveText()).isEqualTo("Message text was: ");
		}
	}

	@Test
	void aBytesEndpointReceivesEachBinaryMessageAsBytes() {
		try (WebSocketTestSession session = this.client.connect("/cls/bytes")) {
			session.sendBytes("Hello, world!".getBytes(StandardCharsets.UTF_8));
			assertThat(new String(session.receiveBytes(), StandardCharsets.UTF_8))
				.isEqualTo("Message bytes was: Hello, world!");
		}
	}

	@Test
	void aJsonEndpointReadsJsonFromTextAndFromBinaryMessages() {
		try (WebSocketTestSession session = this.client.connect("/cls/json")) {
			session.sendJson(Map.of("hello", "world"));
			assertThat(session.receiveJson()).isEqualTo(Map.of("message", Map.of("hello", "world")));
			session.sendJson(Map.of("hello", "bytes"), JsonMode.BINARY);
			assertThat(session.receiveJson()).isEqualTo(Map.of("message", Map.of("hello", "bytes")));
			session.sendText("[1, \"two\", null]");
			assertThat(session.receiveText()).isEqualTo("{\"message\":[1,\"two\",null]}");
		}
	}

	@Test
	void aJsonEndpointReadsEachMessageIntoItsTypeArgument() {
		try (WebSocketTestSession session = this.client.connect("/cls/chat")) {
			session.sendText("{\"user\":\"ada\",\"text\":\"hi\"}");
			assertThat(session.receiveText()).isEqualTo("ada wrote hi");
		}
	}

	@Test
	void anEndpointWithoutDecodingReceivesTextAsAStringAndBinaryAsBytes() {
		try (WebSocketTestSession session = this.client.connect("/cls/undecoded")) {
			session.sendText("");
			assertThat(session.receiveText()).isEqualTo("text ''");
			session.sendBytes(new byte[] { 0 });
			assertThat(session.receiveText()).isEqualTo("bytes 1");
		}
	}

	@Test
	void aBinaryMessageToATextEndpointClosesWith1003AndStarlettesMessageAndOnDisconnectGets1011(
			CapturedOutput output) {
		try (WebSocketTestSession session = this.client.connect("/cls/text")) {
			session.sendBytes(new byte[] { 1 });
			assertThat(session.awaitClose())
				.isEqualTo(new CloseFrame(1003, "Expected text websocket messages, but got bytes"));
		}
		awaitOnDisconnect("/cls/text 1011");
		awaitNoHandlerRunning();
		assertThat(output).doesNotContain("ERROR");
	}

	@Test
	void aTextMessageToABytesEndpointClosesWith1003AndStarlettesMessage() {
		try (WebSocketTestSession session = this.client.connect("/cls/bytes")) {
			session.sendText("text");
			assertThat(session.awaitClose())
				.isEqualTo(new CloseFrame(1003, "Expected bytes websocket messages, but got text"));
		}
		awaitOnDisconnect("/cls/bytes 1011");
	}

	@Test
	void malformedJsonClosesWith1003AndStarlettesMessage() {
		try (WebSocketTestSession session = this.client.connect("/cls/json")) {
			session.sendText("{\"hello\": ");
			assertThat(session.awaitClose()).isEqualTo(new CloseFrame(1003, "Malformed JSON data received."));
		}
		awaitOnDisconnect("/cls/json 1011");
	}

	@Test
	void anEmptyMessageOrOneNotInUtf8ToAJsonEndpointIsMalformedJson() {
		try (WebSocketTestSession session = this.client.connect("/cls/json")) {
			session.sendBytes(new byte[0]);
			assertThat(session.awaitClose()).isEqualTo(new CloseFrame(1003, "Malformed JSON data received."));
		}
		try (WebSocketTestSession session = this.client.connect("/cls/json")) {
			session.sendBytes(new byte[] { '"', (byte) 0xff, '"' });
			assertThat(session.awaitClose()).isEqualTo(new CloseFrame(1003, "Malformed JSON data received."));
		}
	}

	@Test
	void jsonThatDoesNotFitTheTypeArgumentClosesWith1003NamingTheType() {
		try (WebSocketTestSession session = this.client.connect("/cls/chat")) {
			session.sendText("{\"user\":[\"not\",\"a\",\"name\"]}");
			CloseFrame close = session.awaitClose();
			assertThat(close.code()).isEqualTo(1003);
			assertThat(close.reason()).startsWith("Invalid JSON for ChatMessage: ");
		}
	}

	@Test
	void onDisconnectGetsTheClientsCloseCode() {
		try (WebSocketTestSession session = this.client.connect("/cls/text")) {
			session.sendText("hello");
			assertThat(session.receiveText()).isEqualTo("Message text was: hello");
			session.close(1001, "Going Away");
		}
		awaitOnDisconnect("/cls/text 1001");
	}

	@Test
	void anExceptionFromOnReceiveClosesWith1011IsLoggedOnceAndOnDisconnectGets1011(CapturedOutput output) {
		try (WebSocketTestSession session = this.client.connect("/cls/crash")) {
			session.sendText("ok");
			assertThat(session.receiveText()).isEqualTo("fine");
			session.sendText("crash");
			assertThat(session.awaitClose()).isEqualTo(new CloseFrame(1011, ""));
		}
		awaitOnDisconnect("/cls/crash 1011");
		awaitNoHandlerRunning();
		assertThat(output.toString().split("ERROR", -1)).hasSize(2);
		assertThat(output).contains("WS /cls/crash -> EndpointTestApplication.CrashingEndpoint#onConnect(WebSocket)")
			.contains("boom in onReceive");
	}

	@Test
	void onConnectThatClosesRejectsTheHandshakeWith403AndOnDisconnectGets1006() {
		assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> this.client.connect("/cls/reject"))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(403));
		awaitOnDisconnect("/cls/reject 1006");
	}

	@Test
	void onConnectMayAcceptWithASubprotocolTheClientOffered() {
		try (WebSocketTestSession session = this.client.request("/cls/subprotocol")
			.subprotocols("soap", "wamp")
			.connect()) {
			assertThat(session.getAcceptedSubprotocol()).isEqualTo("wamp");
		}
	}

	@Test
	void aPrototypeEndpointServesEachConnectionWithAnInstanceOfItsOwn() {
		try (WebSocketTestSession first = this.client.connect("/cls/counting");
				WebSocketTestSession second = this.client.connect("/cls/counting")) {
			first.sendText("a");
			assertThat(first.receiveText()).isEqualTo("a is message 1");
			first.sendText("b");
			assertThat(first.receiveText()).isEqualTo("b is message 2");
			second.sendText("c");
			assertThat(second.receiveText()).isEqualTo("c is message 1");
		}
	}

	private void awaitOnDisconnect(String expected) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.disconnects.list).containsExactly(expected));
	}

	/**
	 * Wait until every handler has ended, and with it whatever its connection logs, so that a test can
	 * assert what was not logged.
	 */
	private void awaitNoHandlerRunning() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.executor.getActiveCount() == 0);
	}

}
