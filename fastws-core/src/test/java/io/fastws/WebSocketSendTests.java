package io.fastws;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for sending text, bytes and JSON through a {@link WebSocket}: spec items A16 and A17.
 */
class WebSocketSendTests {

	private final InMemoryTransport transport = new InMemoryTransport();

	private final WebSocket webSocket = InMemoryTransport.webSocket(this.transport);

	static class Unwritable {

		public String getValue() {
			throw new IllegalStateException("no value");
		}

	}

	@Test
	void sendTextAndSendBytesSendOneMessageEach() {
		this.webSocket.accept();
		this.webSocket.sendText("Message text was: hi");
		this.webSocket.sendBytes(new byte[] { 1, 2, 3 });
		assertThat(this.transport.sent()).containsExactly(new OutboundMessage.Accept(null, Map.of()),
				new OutboundMessage.SendText("Message text was: hi"), new OutboundMessage.SendBytes(new byte[] { 1, 2, 3 }));
	}

	@Test
	void sendJsonWritesCompactJsonWithNonAsciiAsIs() {
		this.webSocket.accept();
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("k", "é");
		value.put("n", Arrays.asList(1, 2.5, null, true));
		this.webSocket.sendJson(value);
		this.webSocket.sendJson(Map.of("test", "数据"));
		assertThat(this.transport.sent()).containsSubsequence(
				new OutboundMessage.SendText("{\"k\":\"é\",\"n\":[1,2.5,null,true]}"),
				new OutboundMessage.SendText("{\"test\":\"数据\"}"));
	}

	@Test
	void sendJsonInBinaryModeSendsTheSameJsonAsUtf8InABinaryFrame() {
		this.webSocket.accept();
		this.webSocket.sendJson(Map.of("test", "数据"), JsonMode.BINARY);
		assertThat(this.transport.sent()).last()
			.isEqualTo(new OutboundMessage.SendBytes("{\"test\":\"数据\"}".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void sendJsonOfAValueJacksonCannotWriteIsAClearError() {
		this.webSocket.accept();
		assertThatIllegalArgumentException().isThrownBy(() -> this.webSocket.sendJson(new Unwritable()))
			.withMessageStartingWith("Cannot write " + Unwritable.class.getName() + " as JSON");
		assertThat(this.webSocket.applicationState()).isEqualTo(WebSocketState.CONNECTED);
	}

}
