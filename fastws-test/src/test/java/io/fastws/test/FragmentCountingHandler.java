package io.fastws.test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * Takes messages in the parts the container delivers, one a frame for short frames, and answers each
 * complete message with how many frames it came in: {@code <n> frames: <text>} for a text message, and for a
 * binary message {@code <n> frames of <size> bytes} followed by the payload.
 */
class FragmentCountingHandler extends AbstractWebSocketHandler {

	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
		Parts parts = parts(session);
		parts.frames++;
		parts.text.append(message.getPayload());
		if (message.isLast()) {
			session.sendMessage(new TextMessage(parts.frames + " frames: " + parts.text));
			parts.text.setLength(0);
			parts.frames = 0;
		}
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws Exception {
		Parts parts = parts(session);
		parts.frames++;
		ByteBuffer payload = message.getPayload();
		byte[] part = new byte[payload.remaining()];
		payload.get(part);
		parts.bytes.write(part);
		if (message.isLast()) {
			session.sendMessage(new TextMessage(parts.frames + " frames of " + parts.bytes.size() + " bytes"));
			session.sendMessage(new BinaryMessage(parts.bytes.toByteArray()));
			parts.bytes.reset();
			parts.frames = 0;
		}
	}

	private static Parts parts(WebSocketSession session) {
		return (Parts) session.getAttributes().computeIfAbsent(Parts.class.getName(), (key) -> new Parts());
	}

	/**
	 * The parts of one connection's message received so far.
	 */
	private static final class Parts {

		private final StringBuilder text = new StringBuilder();

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private int frames;

	}

}
