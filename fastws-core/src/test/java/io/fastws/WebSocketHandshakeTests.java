package io.fastws;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for deciding the handshake of a {@link WebSocket}: accept, close and denial responses, spec items
 * A10, A18 to A21.
 */
class WebSocketHandshakeTests {

	private final InMemoryTransport transport = new InMemoryTransport();

	@Test
	void acceptWaitsForTheConnectMessageThenSendsAcceptWithoutSubprotocolOrHeaders() {
		WebSocket webSocket = InMemoryTransport.webSocket(this.transport);
		webSocket.accept();
		assertThat(webSocket.clientState()).isEqualTo(WebSocketState.CONNECTED);
		assertThat(this.transport.sent()).containsExactly(new OutboundMessage.Accept(null, Map.of()));
	}

	@Test
	void acceptSendsTheChosenSubprotocolAndExtraHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("Sec-WebSocket-Protocol", "soap, wamp");
		WebSocket webSocket = InMemoryTransport.webSocket(this.transport, headers);
		webSocket.accept("wamp", Map.of("additional", "header"));
		assertThat(this.transport.sent())
			.containsExactly(new OutboundMessage.Accept("wamp", Map.of("additional", "header")));
	}

	@Test
	void acceptWithASubprotocolTheClientDidNotOfferIsRejected() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("Sec-WebSocket-Protocol", "soap");
		WebSocket webSocket = InMemoryTransport.webSocket(this.transport, headers);
		assertThatIllegalArgumentException().isThrownBy(() -> webSocket.accept("wamp"))
			.withMessage("Subprotocol 'wamp' was not offered by the client; offered: [soap]");
		assertThat(webSocket.applicationState()).isEqualTo(WebSocketState.CONNECTING);
	}

	@Test
	void acceptWithAHeaderTheHandshakeSetsItselfIsRejected() {
		WebSocket webSocket = InMemoryTransport.webSocket(this.transport);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> webSocket.accept(null, Map.of("sec-websocket-accept", "forged")))
			.withMessageContaining("'sec-websocket-accept' is set by the handshake itself");
	}

	@Test
	void closeAfterAcceptSendsTheCodeAndReason() {
		WebSocket webSocket = InMemoryTransport.webSocket(this.transport);
		webSocket.accept();
		webSocket.close(4001, "custom");
		assertThat(this.transport.sent()).last().isEqualTo(new OutboundMessage.Close(4001, "custom"));
		assertThat(webSocket.applicationState()).isEqualTo(WebSocketState.DISCONNECTED);
	}

	@Test
	void closeWithoutArgumentsSendsNormalClosureWithAnEmptyReason() {
		WebSocket webSocket = InMemoryTransport.webSocket(this.transport);
		webSocket.accept();
		webSocket.close();
		assertThat(this.transport.sent()).last().isEqualTo(new OutboundMessage.Close(1000, ""));
	}

	@Test
	void closeWithACodeThatMayNotGoOnTheWireIsRejected() {
		WebSocket webSocket = InMemoryTransport.webSocket(this.transport);
		webSocket.accept();
		for (int code : new int[] { 999, 1004, 1005, 1006, 1015, 2000, 5000 }) {
			assertThatIllegalArgumentException().isThrownBy(() -> webSocket.close(code))
				.withMessageStartingWith("Close code " + code + " cannot be sent");
		}
		assertThat(webSocket.applicationState()).isEqualTo(WebSocketState.CONNECTED);
	}

	@Test
	void aCloseReasonLongerThanACloseFrameHoldsIsCutAtAWholeCharacterWithAnEllipsisAsAnExceptionsReasonIs() {
		WebSocket webSocket = InMemoryTransport.webSocket(this.transport);
		webSocket.accept();
		webSocket.close(1000, "é".repeat(62));
		assertThat(this.transport.sent()).last().isEqualTo(new OutboundMessage.Close(1000, "é".repeat(60) + "..."));
		assertThat(new WebSocketException(1008, "é".repeat(62)).getReason()).isEqualTo("é".repeat(60) + "...");
	}

	@Test
	void closeBeforeAcceptRejectsTheHandshake() {
		WebSocket webSocket = InMemoryTransport.webSocket(this.transport);
		webSocket.close(4000, "denied");
		assertThat(this.transport.sent()).containsExactly(new OutboundMessage.Close(4000, "denied"));
		assertThat(webSocket.applicationState()).isEqualTo(WebSocketState.DISCONNECTED);
	}

	@Test
	void denialResponseSendsStatusHeadersAndBody() {
		WebSocket webSocket = InMemoryTransport.webSocket(this.transport);
		webSocket.sendDenialResponse(418, Map.of("foo", "bar"), "nope".getBytes(StandardCharsets.UTF_8));
		assertThat(this.transport.sent()).containsExactly(new OutboundMessage.DenialResponseStart(418, Map.of("foo", "bar")),
				new OutboundMessage.DenialResponseBody("nope".getBytes(StandardCharsets.UTF_8), false));
		assertThat(webSocket.applicationState()).isEqualTo(WebSocketState.DISCONNECTED);
	}

	@Test
	void denialResponseWithTextBodyDefaultsToPlainText() {
		WebSocket webSocket = InMemoryTransport.webSocket(this.transport);
		webSocket.sendDenialResponse(404, Map.of(), "foo");
		assertThat(this.transport.sent().get(0)).isEqualTo(
				new OutboundMessage.DenialResponseStart(404, Map.of("Content-Type", "text/plain;charset=UTF-8")));
	}

	@Test
	void denialResponseWithoutServerSupportIsRejectedWithStarletteMessageAndChangesNothing() {
		InMemoryTransport unsupported = new InMemoryTransport(false);
		WebSocket webSocket = InMemoryTransport.webSocket(unsupported);
		assertThatExceptionOfType(WebSocketStateException.class)
			.isThrownBy(() -> webSocket.sendDenialResponse(404, Map.of(), new byte[0]))
			.withMessage("The server doesn't support the Websocket Denial Response extension.");
		assertThat(webSocket.applicationState()).isEqualTo(WebSocketState.CONNECTING);
		webSocket.close();
		assertThat(unsupported.sent()).containsExactly(new OutboundMessage.Close(1000, ""));
	}

	@Test
	void denialResponseAfterAcceptIsRejectedWithStarletteMessage() {
		WebSocket webSocket = InMemoryTransport.webSocket(this.transport);
		webSocket.accept();
		assertThatExceptionOfType(WebSocketStateException.class)
			.isThrownBy(() -> webSocket.sendDenialResponse(404, Map.of(), new byte[0]))
			.withMessage("Expected ASGI message \"websocket.send\" or \"websocket.close\", but got "
					+ "'websocket.http.response.start'");
	}

}
