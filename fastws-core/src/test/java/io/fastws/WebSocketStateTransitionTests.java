package io.fastws;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the state machine of {@link WebSocket}: spec items A1 to A9.
 */
class WebSocketStateTransitionTests {

	private final InMemoryTransport transport = new InMemoryTransport();

	private final WebSocket webSocket = InMemoryTransport.webSocket(this.transport);

	@Test
	void bothStatesStartConnectingAndTheEnumHasStarlettesFourStatesInOrder() {
		assertThat(this.webSocket.clientState()).isEqualTo(WebSocketState.CONNECTING);
		assertThat(this.webSocket.applicationState()).isEqualTo(WebSocketState.CONNECTING);
		assertThat(WebSocketState.values()).extracting(Enum::ordinal, Enum::name)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(0, "CONNECTING"),
					org.assertj.core.groups.Tuple.tuple(1, "CONNECTED"),
					org.assertj.core.groups.Tuple.tuple(2, "DISCONNECTED"),
					org.assertj.core.groups.Tuple.tuple(3, "RESPONSE"));
	}

	@Test
	void firstReceiveReturnsTheConnectMessageAndMarksTheClientConnected() {
		assertThat(this.webSocket.receive()).isEqualTo(InboundMessage.Connect.INSTANCE);
		assertThat(this.webSocket.clientState()).isEqualTo(WebSocketState.CONNECTED);
		assertThat(this.webSocket.applicationState()).isEqualTo(WebSocketState.CONNECTING);
	}

	@Test
	void firstReceiveOfAnythingButConnectIsRejectedWithStarletteMessage() {
		InMemoryTransport noConnect = InMemoryTransport.withoutConnect().clientSendsText("hi");
		WebSocket socket = InMemoryTransport.webSocket(noConnect);
		assertThatExceptionOfType(WebSocketStateException.class).isThrownBy(socket::receive)
			.withMessage("Expected ASGI message \"websocket.connect\", but got 'websocket.receive'");
	}

	@Test
	void secondConnectMessageIsRejectedWithStarletteMessage() {
		this.transport.clientSends(InboundMessage.Connect.INSTANCE);
		this.webSocket.receive();
		assertThatExceptionOfType(WebSocketStateException.class).isThrownBy(this.webSocket::receive)
			.withMessage("Expected ASGI message \"websocket.receive\" or \"websocket.disconnect\", but got "
					+ "'websocket.connect'");
	}

	@Test
	void disconnectIsReturnedByReceiveAndMarksTheClientDisconnected() {
		this.transport.clientCloses(1001, "Going Away");
		this.webSocket.receive();
		assertThat(this.webSocket.receive()).isEqualTo(new InboundMessage.Disconnect(1001, "Going Away"));
		assertThat(this.webSocket.clientState()).isEqualTo(WebSocketState.DISCONNECTED);
	}

	@Test
	void receiveAfterDisconnectIsRejectedWithStarletteMessage() {
		this.transport.clientCloses(1000, "");
		this.webSocket.accept();
		this.webSocket.receive();
		assertThatExceptionOfType(WebSocketNotConnectedException.class).isThrownBy(this.webSocket::receive)
			.withMessage("Cannot call \"receive\" once a disconnect message has been received.");
	}

	@Test
	void sendBeforeAcceptIsRejectedWithStarletteMessage() {
		assertThatExceptionOfType(WebSocketStateException.class).isThrownBy(() -> this.webSocket.sendText("early"))
			.withMessage("Expected ASGI message \"websocket.accept\", \"websocket.close\" or "
					+ "\"websocket.http.response.start\", but got 'websocket.send'");
		assertThat(this.transport.sent()).isEmpty();
	}

	@Test
	void acceptCloseAndDenialResponseAreAllowedWhileConnecting() {
		WebSocket accepted = InMemoryTransport.webSocket(new InMemoryTransport());
		accepted.accept();
		assertThat(accepted.applicationState()).isEqualTo(WebSocketState.CONNECTED);
		WebSocket closed = InMemoryTransport.webSocket(new InMemoryTransport());
		closed.close();
		assertThat(closed.applicationState()).isEqualTo(WebSocketState.DISCONNECTED);
		WebSocket denied = InMemoryTransport.webSocket(new InMemoryTransport());
		denied.send(new OutboundMessage.DenialResponseStart(404, null));
		assertThat(denied.applicationState()).isEqualTo(WebSocketState.RESPONSE);
	}

	@Test
	void secondAcceptIsRejectedWithStarletteMessage() {
		this.webSocket.accept();
		assertThatExceptionOfType(WebSocketStateException.class).isThrownBy(this.webSocket::accept)
			.withMessage("Expected ASGI message \"websocket.send\" or \"websocket.close\", but got 'websocket.accept'");
	}

	@Test
	void sendToAGoneClientMarksTheApplicationDisconnectedAndThrowsDisconnect1006() {
		this.webSocket.accept();
		this.transport.breakConnection();
		assertThatExceptionOfType(WebSocketDisconnect.class).isThrownBy(() -> this.webSocket.sendText("lost"))
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(1006);
				assertThat(ex.getReason()).isEmpty();
			});
		assertThat(this.webSocket.applicationState()).isEqualTo(WebSocketState.DISCONNECTED);
	}

	@Test
	void receiveAfterASendFoundTheClientGoneThrowsTheSameDisconnectInsteadOfAskingForAccept() {
		this.webSocket.accept();
		this.transport.breakConnection();
		assertThat(this.webSocket.sendTextAsync("lost")).failsWithin(Duration.ofSeconds(5));
		assertThatExceptionOfType(WebSocketDisconnect.class).isThrownBy(this.webSocket::receiveText)
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(1006));
	}

	@Test
	void secondDenialResponseStartIsRejectedWithStarletteMessage() {
		this.webSocket.send(new OutboundMessage.DenialResponseStart(404, null));
		assertThatExceptionOfType(WebSocketStateException.class)
			.isThrownBy(() -> this.webSocket.send(new OutboundMessage.DenialResponseStart(404, null)))
			.withMessage("Expected ASGI message \"websocket.http.response.body\", but got "
					+ "'websocket.http.response.start'");
	}

	@Test
	void denialResponseBodyWithMoreBodyKeepsTheResponseOpenUntilTheLastPart() {
		this.webSocket.send(new OutboundMessage.DenialResponseStart(404, null));
		this.webSocket.send(new OutboundMessage.DenialResponseBody("hard".getBytes(), true));
		assertThat(this.webSocket.applicationState()).isEqualTo(WebSocketState.RESPONSE);
		this.webSocket.send(new OutboundMessage.DenialResponseBody("body".getBytes(), false));
		assertThat(this.webSocket.applicationState()).isEqualTo(WebSocketState.DISCONNECTED);
	}

	@Test
	void sendAfterCloseIsRejectedWithStarletteMessage() {
		this.webSocket.accept();
		this.webSocket.close();
		assertThatExceptionOfType(WebSocketNotConnectedException.class)
			.isThrownBy(() -> this.webSocket.sendText("late"))
			.withMessage("Cannot call \"send\" once a close message has been sent.");
		assertThatExceptionOfType(WebSocketNotConnectedException.class).isThrownBy(this.webSocket::close)
			.withMessage("Cannot call \"send\" once a close message has been sent.");
	}

}
