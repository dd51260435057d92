package io.fastws;

import java.util.Arrays;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A message a {@link WebSocket} sends through its transport, one of Starlette's ASGI send events.
 */
public sealed interface OutboundMessage
		permits OutboundMessage.Accept, OutboundMessage.SendText, OutboundMessage.SendBytes, OutboundMessage.Close,
		OutboundMessage.DenialResponseStart, OutboundMessage.DenialResponseBody {

	/**
	 * Return the ASGI type of this message, such as {@code websocket.send}.
	 * @return the message type
	 */
	String type();

	/**
	 * Accept the handshake.
	 * @param subprotocol the chosen subprotocol, or {@code null} for none
	 * @param headers extra response headers, in order
	 */
	record Accept(@Nullable String subprotocol, Map<String, String> headers) implements OutboundMessage {

		/**
		 * Create an accept message with an unmodifiable copy of the headers.
		 */
		public Accept {
			headers = (headers != null) ? Map.copyOf(headers) : Map.of();
		}

		@Override
		public String type() {
			return "websocket.accept";
		}

	}

	/**
	 * Send a text message.
	 * @param text the text
	 */
	record SendText(String text) implements OutboundMessage {

		@Override
		public String type() {
			return "websocket.send";
		}

	}

	/**
	 * Send a binary message.
	 * @param bytes the payload; not copied, so callers must not change it
	 */
	record SendBytes(byte[] bytes) implements OutboundMessage {

		@Override
		public String type() {
			return "websocket.send";
		}

		@Override
		public boolean equals(Object other) {
			return (other instanceof SendBytes that) && Arrays.equals(this.bytes, that.bytes);
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(this.bytes);
		}

		@Override
		public String toString() {
			return "SendBytes[" + this.bytes.length + " bytes]";
		}

	}

	/**
	 * Close the connection or, before the handshake is accepted, reject it.
	 * @param code the close code
	 * @param reason the close reason, empty for none
	 */
	record Close(int code, String reason) implements OutboundMessage {

		/**
		 * Create a close message, turning a {@code null} reason into an empty one.
		 */
		public Close {
			reason = (reason != null) ? reason : "";
		}

		@Override
		public String type() {
			return "websocket.close";
		}

	}

	/**
	 * Start an HTTP denial response to the handshake.
	 * @param status the HTTP status
	 * @param headers the response headers
	 */
	record DenialResponseStart(int status, Map<String, String> headers) implements OutboundMessage {

		/**
		 * Create a start message with an unmodifiable copy of the headers.
		 */
		public DenialResponseStart {
			headers = (headers != null) ? Map.copyOf(headers) : Map.of();
		}

		@Override
		public String type() {
			return "websocket.http.response.start";
		}

	}

	/**
	 * A part of the body of an HTTP denial response.
	 * @param body the bytes of this part
	 * @param moreBody whether more parts follow
	 */
	record DenialResponseBody(byte[] body, boolean moreBody) implements OutboundMessage {

		@Override
		public String type() {
			return "websocket.http.response.body";
		}

		@Override
		public boolean equals(Object other) {
			return (other instanceof DenialResponseBody that) && this.moreBody == that.moreBody
					&& Arrays.equals(this.body, that.body);
		}

		@Override
		public int hashCode() {
			return 31 * Arrays.hashCode(this.body) + Boolean.hashCode(this.moreBody);
		}

		@Override
		public String toString() {
			return "DenialResponseBody[" + this.body.length + " bytes, moreBody=" + this.moreBody + "]";
		}

	}

}
