package io.fastws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for receiving text, bytes and JSON from a {@link WebSocket}: spec items A11 to A15.
 */
class WebSocketReceiveTests {

	private final InMemoryTransport transport = new InMemoryTransport();

	private final WebSocket webSocket = InMemoryTransport.webSocket(this.transport);

	record Item(String name, int count) {
	}

	@Test
	void receiveBeforeAcceptIsRejectedWithStarletteMessage() {
		assertThatExceptionOfType(WebSocketNotConnectedException.class).isThrownBy(this.webSocket::receiveText)
			.withMessage("WebSocket is not connected. Need to call \"accept\" first.");
		assertThatExceptionOfType(WebSocketNotConnectedException.class).isThrownBy(this.webSocket::receiveBytes)
			.withMessage("WebSocket is not connected. Need to call \"accept\" first.");
		assertThatExceptionOfType(WebSocketNotConnectedException.class).isThrownBy(this.webSocket::receiveJson)
			.withMessage("WebSocket is not connected. Need to call \"accept\" first.");
	}

	@Test
	void receiveAfterTheApplicationClosedIsRejectedWithStarletteMessage() {
		this.webSocket.accept();
		this.webSocket.close();
		assertThatExceptionOfType(WebSocketNotConnectedException.class).isThrownBy(this.webSocket::receiveText)
			.withMessage("WebSocket is not connected. Need to call \"accept\" first.");
	}

	@Test
	void receiveTextAndBytesReturnThePayloadsInOrder() {
		this.transport.clientSendsText("Hello").clientSendsBytes(new byte[] { 1, 2 });
		this.webSocket.accept();
		assertThat(this.webSocket.receiveText()).isEqualTo("Hello");
		assertThat(this.webSocket.receiveBytes()).containsExactly(1, 2);
	}

	@Test
	void clientCloseSurfacesAsDisconnectWithItsCodeAndReasonWhileTheApplicationStaysConnected() {
		this.transport.clientCloses(1001, "Going Away");
		this.webSocket.accept();
		assertThatExceptionOfType(WebSocketDisconnect.class).isThrownBy(this.webSocket::receiveText)
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(1001);
				assertThat(ex.getReason()).isEqualTo("Going Away");
			});
		assertThat(this.webSocket.clientState()).isEqualTo(WebSocketState.DISCONNECTED);
		assertThat(this.webSocket.applicationState()).isEqualTo(WebSocketState.CONNECTED);
		this.webSocket.close();
		assertThat(this.transport.sent()).last().isEqualTo(new OutboundMessage.Close(1000, ""));
	}

	@Test
	void binaryFrameWhereTextIsExpectedGivesAnErrorNamingBothTypes() {
		this.transport.clientSendsBytes(new byte[] { 1 });
		this.webSocket.accept();
		assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(this.webSocket::receiveText)
			.satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo("Expected a text message, but received a binary message");
				assertThat(ex.getCode()).isEqualTo(CloseCodes.WS_1003_UNSUPPORTED_DATA);
			});
	}

	@Test
	void textFrameWhereBytesAreExpectedGivesAnErrorNamingBothTypes() {
		this.transport.clientSendsText("hi").clientSendsText("{}");
		this.webSocket.accept();
		assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(this.webSocket::receiveBytes)
			.withMessageContaining("Expected a binary message, but received a text message");
		assertThatExceptionOfType(InvalidMessageException.class)
			.isThrownBy(() -> this.webSocket.receiveJson(JsonMode.BINARY))
			.withMessageContaining("Expected a binary message, but received a text message");
	}

	@Test
	void receiveJsonReturnsAnyJsonValue() {
		this.transport.clientSendsText("{\"hello\":\"world\",\"n\":[1,2.5,null,true]}")
			.clientSendsText("[1,2]")
			.clientSendsText("\"text\"")
			.clientSendsText("null");
		this.webSocket.accept();
		assertThat(this.webSocket.receiveJson())
			.isEqualTo(Map.of("hello", "world", "n", java.util.Arrays.asList(1, 2.5, null, true)));
		assertThat(this.webSocket.receiveJson()).isEqualTo(List.of(1, 2));
		assertThat(this.webSocket.receiveJson()).isEqualTo("text");
		assertThat(this.webSocket.receiveJson()).isNull();
	}

	@Test
	void receiveJsonInBinaryModeDecodesUtf8FromABinaryFrame() {
		this.transport.clientSendsBytes("{\"test\":\"数据\"}".getBytes(StandardCharsets.UTF_8));
		this.webSocket.accept();
		assertThat(this.webSocket.receiveJson(JsonMode.BINARY)).isEqualTo(Map.of("test", "数据"));
	}

	@Test
	void receiveJsonBindsToTheRequestedType() {
		this.transport.clientSendsText("{\"name\":\"pen\",\"count\":3}");
		this.webSocket.accept();
		assertThat(this.webSocket.receiveJson(Item.class)).isEqualTo(new Item("pen", 3));
	}

	@Test
	void malformedJsonGivesAnInvalidPayloadErrorAndIsNotSwallowed() {
		this.transport.clientSendsText("{bad");
		this.webSocket.accept();
		assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(this.webSocket::receiveJson)
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(CloseCodes.WS_1007_INVALID_FRAME_PAYLOAD_DATA);
				assertThat(ex.getReason()).startsWith("Invalid JSON for Object: ");
			});
	}

	@Test
	void iterTextCollectsMessagesAndEndsQuietlyWhenTheClientCloses() {
		this.transport.clientSendsText("a").clientSendsText("b").clientCloses(1001, "");
		this.webSocket.accept();
		List<String> received = new ArrayList<>();
		for (String text : this.webSocket.iterText()) {
			received.add(text);
		}
		assertThat(received).containsExactly("a", "b");
		assertThat(this.webSocket.applicationState()).isEqualTo(WebSocketState.CONNECTED);
		assertThat(this.transport.sent()).hasSize(1);
	}

	@Test
	void iterBytesAndIterJsonEndQuietlyWhenTheClientCloses() {
		this.transport.clientSendsBytes(new byte[] { 7 }).clientCloses(1000, "");
		this.webSocket.accept();
		assertThat(this.webSocket.iterBytes()).containsExactly(new byte[] { 7 });
		InMemoryTransport jsonTransport = new InMemoryTransport().clientSendsText("{\"name\":\"a\",\"count\":1}")
			.clientSendsText("null")
			.clientCloses(1000, "");
		WebSocket jsonSocket = InMemoryTransport.webSocket(jsonTransport);
		jsonSocket.accept();
		assertThat(jsonSocket.iterJson(Item.class)).containsExactly(new Item("a", 1), null);
	}

	@Test
	void iterationLetsOtherErrorsThrough() {
		this.transport.clientSendsBytes(new byte[] { 1 });
		this.webSocket.accept();
		assertThatExceptionOfType(InvalidMessageException.class)
			.isThrownBy(() -> this.webSocket.iterText().iterator().hasNext());
	}

}
