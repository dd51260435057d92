package io.fastws.test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * Answers each text message as it asks, so that a test decides what the server sends:
 * {@code text:<payload>} and {@code binary:<payload>} send the payload in that frame type,
 * {@code close:<code>:<reason>} closes the connection, {@code handshake} describes the handshake request,
 * and anything else gets no answer.
 */
class ScriptedWebSocketHandler extends TextWebSocketHandler implements SubProtocolCapable {

	@Override
	public List<String> getSubProtocols() {
		return List.of("chat.v2");
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
		String[] command = message.getPayload().split(":", 2);
		switch (command[0]) {
			case "text" -> session.sendMessage(new TextMessage(command[1]));
			case "binary" -> session.sendMessage(new BinaryMessage(command[1].getBytes(StandardCharsets.UTF_8)));
			case "close" -> {
				String[] status = command[1].split(":", 2);
				session.close(new CloseStatus(Integer.parseInt(status[0]), status[1]));
			}
			case "handshake" -> session.sendMessage(new TextMessage(session.getUri().getRawQuery() + " | "
					+ session.getHandshakeHeaders().getFirst("Cookie") + " | "
					+ session.getHandshakeHeaders().getFirst("X-Trace") + " | " + session.getAcceptedProtocol()));
			default -> {
			}
		}
	}

}
