package io.fastws;

import java.util.Arrays;

/**
 * A message a {@link WebSocket} receives from its transport, one of Starlette's ASGI receive events.
 */
public sealed interface InboundMessage
		permits InboundMessage.Connect, InboundMessage.ReceiveText, InboundMessage.ReceiveBytes,
		InboundMessage.Disconnect {

	/**
	 * Return the ASGI type of this message, such as {@code websocket.receive}.
	 * @return the message type
	 */
	String type();

	/**
	 * The client asked to connect: the first message of every connection.
	 */
	record Connect() implements InboundMessage {

		/** The single instance. */
		public static final Connect INSTANCE = new Connect();

		@Override
		public String type() {
			return "websocket.connect";
		}

	}

	/**
	 * A text message from the client.
	 * @param text the text
	 */
	record ReceiveText(String text) implements InboundMessage {

		@Override
		public String type() {
			return "websocket.receive";
		}

	}

	/**
	 * A binary message from the client.
	 * @param bytes the payload; not copied, so callers must not change it
	 */
	record ReceiveBytes(byte[] bytes) implements InboundMessage {

		@Override
		public String type() {
			return "websocket.receive";
		}

		@Override
		public boolean equals(Object other) {
			return (other instanceof ReceiveBytes that) && Arrays.equals(this.bytes, that.bytes);
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(this.bytes);
		}

		@Override
		public String toString() {
			return "ReceiveBytes[" + this.bytes.length + " bytes]";
		}

	}

	/**
	 * The client closed the connection, or it was lost.
	 * @param code the close code
	 * @param reason the close reason, empty when none was given
	 */
	record Disconnect(int code, String reason) implements InboundMessage {

		/**
		 * Create a disconnect message, turning a {@code null} reason into an empty one.
		 */
		public Disconnect {
			reason = (reason != null) ? reason : "";
		}

		@Override
		public String type() {
			return "websocket.disconnect";
		}

	}

}
