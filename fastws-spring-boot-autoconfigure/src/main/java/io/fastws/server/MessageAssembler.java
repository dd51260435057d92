package io.fastws.server;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.fastws.InboundMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;

/**
 * Puts one client's messages together from the parts its container delivers, holding each message to its
 * size limit as the parts arrive, so that memory grows with what the client sends rather than with the limit.
 *
 * <p>The container hands over a part whenever its own small buffer fills or a frame ends, text already
 * decoded from UTF-8. A text message's size is counted in bytes of UTF-8, as the client sent it. A message
 * of one part goes on as it is; the parts of a longer one are kept as they come and copied once, into the
 * message, when its last part arrives. Once a message goes over its limit, its parts are dropped, and so is
 * everything after it: the connection is closing. One container thread at a time delivers a connection's
 * parts.
 */
final class MessageAssembler {

	private final long maxTextMessageSize;

	private final long maxBinaryMessageSize;

	private @Nullable List<String> textParts;

	private @Nullable List<ByteBuffer> binaryParts;

	private long size;

	private boolean overLimit;

	/**
	 * Create the assembler of one connection.
	 * @param maxTextMessageSize the largest text message, in bytes of UTF-8
	 * @param maxBinaryMessageSize the largest binary message, in bytes
	 */
	MessageAssembler(long maxTextMessageSize, long maxBinaryMessageSize) {
		this.maxTextMessageSize = maxTextMessageSize;
		this.maxBinaryMessageSize = maxBinaryMessageSize;
	}

	/**
	 * Take the next part of a text or binary message.
	 * @param part the part, with whether it is the last of its message
	 * @return the message, once this part completes it; {@code null} while parts are missing, after the limit
	 * was crossed, and for other kinds of message
	 * @throws MessageTooBigException if this part takes its message over the limit, the first time only
	 */
	@Nullable InboundMessage add(WebSocketMessage<?> part) throws MessageTooBigException {
		if (this.overLimit) {
			return null;
		}
		if (part instanceof TextMessage text) {
			return addText(text.getPayload(), text.isLast());
		}
		if (part instanceof BinaryMessage binary) {
			return addBinary(binary.getPayload(), binary.isLast());
		}
		return null;
	}

	private @Nullable InboundMessage addText(String part, boolean last) throws MessageTooBigException {
		count(utf8Length(part), this.maxTextMessageSize, "Text");
		List<String> parts = this.textParts;
		if (last && parts == null) {
			this.size = 0;
			return new InboundMessage.ReceiveText(part);
		}
		if (parts == null) {
			parts = new ArrayList<>();
			this.textParts = parts;
		}
		parts.add(part);
		if (!last) {
			return null;
		}
		this.textParts = null;
		this.size = 0;
		return new InboundMessage.ReceiveText(String.join("", parts));
	}

	private @Nullable InboundMessage addBinary(ByteBuffer part, boolean last) throws MessageTooBigException {
		count(part.remaining(), this.maxBinaryMessageSize, "Binary");
		List<ByteBuffer> parts = this.binaryParts;
		if (last && parts == null) {
			this.size = 0;
			return new InboundMessage.ReceiveBytes(toArray(part));
		}
		if (parts == null) {
			parts = new ArrayList<>();
			this.binaryParts = parts;
		}
		parts.add(part);
		if (!last) {
			return null;
		}
		this.binaryParts = null;
		byte[] bytes = new byte[Math.toIntExact(this.size)];
		int offset = 0;
		for (ByteBuffer buffer : parts) {
			int length = buffer.remaining();
			buffer.get(bytes, offset, length);
			offset += length;
		}
		this.size = 0;
		return new InboundMessage.ReceiveBytes(bytes);
	}

	private void count(long partSize, long limit, String kind) throws MessageTooBigException {
		this.size += partSize;
		if (this.size > limit) {
			this.overLimit = true;
			this.textParts = null;
			this.binaryParts = null;
			throw new MessageTooBigException(kind + " message over the limit of " + limit + " bytes");
		}
	}

	private static byte[] toArray(ByteBuffer part) {
		byte[] bytes = new byte[part.remaining()];
		part.get(bytes);
		return bytes;
	}

	/**
	 * Return how many bytes a text takes in UTF-8; a character outside the Basic Multilingual Plane is two
	 * surrogates of 2 bytes each, so the count is right even if a container split one between two parts.
	 */
	static long utf8Length(String text) {
		long length = text.length();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 0x800) {
				length += Character.isSurrogate(c) ? 1 : 2;
			}
			else if (c >= 0x80) {
				length += 1;
			}
		}
		return length;
	}

	/**
	 * Thrown when a message goes over its size limit, with the close reason to give the client.
	 */
	static final class MessageTooBigException extends Exception {

		private static final long serialVersionUID = 1L;

		MessageTooBigException(String reason) {
			super(reason, null, false, false);
		}

	}

}
