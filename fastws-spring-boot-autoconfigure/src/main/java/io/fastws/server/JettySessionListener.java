package io.fastws.server;

import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.adapter.jetty.JettyWebSocketSession;

/**
 * Hands what Jetty reads from one connection to its {@link WebSocketHandler}: messages in parts as they
 * arrive, pongs, the close; and asks Jetty for each next frame only once the last is handed over, through
 * the connection's {@link JettyDemand}. Public only because Jetty calls its methods through public lookups.
 */
public final class JettySessionListener implements Session.Listener {

	private static final Log logger = LogFactory.getLog(JettySessionListener.class);

	private final WebSocketHandler handler;

	private final Connection connection;

	JettySessionListener(WebSocketHandler handler, Map<String, Object> attributes, @Nullable Principal user) {
		this.handler = handler;
		this.connection = new Connection(attributes, user);
	}

	@Override
	public void onWebSocketOpen(Session session) {
		this.connection.initializeNativeSession(session);
		try {
			this.handler.afterConnectionEstablished(this.connection);
		}
		catch (Exception ex) {
			logger.error("Could not open the WebSocket session " + this.connection.getId(), ex);
			session.disconnect();
			return;
		}
		this.connection.demand.start(session);
	}

	@Override
	public void onWebSocketPartialText(String payload, boolean fin) {
		deliver(new TextMessage(payload, fin));
	}

	@Override
	public void onWebSocketPartialBinary(ByteBuffer payload, boolean fin, Callback callback) {
		ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
		callback.succeed();
		deliver(new BinaryMessage(copy, fin));
	}

	@Override
	public void onWebSocketPong(ByteBuffer payload) {
		deliver(new PongMessage());
	}

	private void deliver(WebSocketMessage<?> message) {
		try {
			this.handler.handleMessage(this.connection, message);
		}
		catch (Exception ex) {
			logger.error("Could not hand a message over on WebSocket session " + this.connection.getId(), ex);
		}
		this.connection.demand.frameHandled();
	}

	@Override
	public void onWebSocketError(Throwable cause) {
		try {
			this.handler.handleTransportError(this.connection, cause);
		}
		catch (Exception ex) {
			logger.debug("Transport error not handled on WebSocket session " + this.connection.getId(), ex);
		}
	}

	@Override
	public void onWebSocketClose(int statusCode, @Nullable String reason, Callback callback) {
		callback.succeed();
		// without a close frame, Jetty's reason is its own ("Session Closed"), not the client's
		String clientReason = (statusCode == CloseStatus.NO_CLOSE_FRAME.getCode()) ? "" : reason;
		try {
			this.handler.afterConnectionClosed(this.connection, new CloseStatus(statusCode, clientReason));
		}
		catch (Exception ex) {
			logger.warn("Unhandled exception after the WebSocket session " + this.connection.getId() + " closed", ex);
		}
	}

	/**
	 * Spring's view of one Jetty session, which also holds the session's demand.
	 */
	static final class Connection extends JettyWebSocketSession {

		private final JettyDemand demand = new JettyDemand();

		Connection(Map<String, Object> attributes, @Nullable Principal user) {
			super(attributes, user);
		}

		JettyDemand demand() {
			return this.demand;
		}

	}

}
