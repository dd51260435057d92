package io.fastws.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.websocket.WsSession;
import org.apache.tomcat.websocket.server.WsServerContainer;

import org.springframework.core.log.LogMessage;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.server.RequestUpgradeStrategy;

/**
 * {@link WebSocketContainer} for Tomcat: upgrades through the standard Jakarta WebSocket API
 * ({@link TomcatUpgradeStrategy}), reads messages in parts through 2 KiB buffers, writes with the session's
 * blocking remote, and pauses reading with {@link WsSession#suspend()}.
 *
 * <p>fastws times its writes itself ({@link SendDeadline}): Tomcat's blocking send timeout cuts the frame short
 * and closes the session with 1001 itself, so it is set to three times the send time limit, a backstop that
 * is not reached. A close other than 1000, such as the 1008 of a write over the send time limit, waits
 * behind the write in progress and may take one more send time limit
 * ({@code ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT}, 50 ms by default), so that a client that reads again
 * meanwhile gets the rest of that message and then the close frame; after that, Tomcat drops the connection
 * and the writer still blocked is released ({@link TomcatWrites}).
 *
 * <p>Tomcat completes an upgrade requested in an asynchronous dispatch only if it would have kept the
 * connection alive for another request; otherwise it closes it after the 101 response. That is so when the
 * upgrade request is the last that {@code maxKeepAliveRequests} ({@code server.tomcat.max-keep-alive-requests},
 * 100 by default) allows on its connection, and for every request when that limit is 1. The committed 101
 * response then says {@code Connection: close}.
 */
final class TomcatWebSocketContainer implements WebSocketContainer {

	static final String WS_SESSION_CLASS = "org.apache.tomcat.websocket.WsSession";

	private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	private static final String ABNORMAL_CLOSE_SEND_TIMEOUT = "org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT";

	/**
	 * The size of each session's message buffers: one of as many chars for decoded text and one of as many
	 * bytes for binary and undecoded text, 6 KiB in all (Tomcat's default of 8 KiB makes 24 KiB). fastws takes
	 * messages in parts, so Tomcat hands a part over whenever a buffer fills and these bound no message;
	 * fastws's limits do, as the parts arrive.
	 */
	static final int MESSAGE_BUFFER_SIZE = 2 * 1024;

	/**
	 * Tomcat's default size of the message buffers, which also bounds the messages of endpoints that take them
	 * whole.
	 */
	private static final int TOMCAT_MESSAGE_BUFFER_SIZE = 8 * 1024;

	private static final Log logger = LogFactory.getLog(TomcatWebSocketContainer.class);

	private final RequestUpgradeStrategy upgradeStrategy = new TomcatUpgradeStrategy();

	@Override
	public String name() {
		return "Tomcat";
	}

	@Override
	public RequestUpgradeStrategy upgradeStrategy() {
		return this.upgradeStrategy;
	}

	/**
	 * Tomcat gives every session message buffers of the container's default size when it opens, and resizes
	 * them to the session's own only when the first message arrives, so an idle connection keeps the
	 * container's. Where fastws is the container's only WebSocket user and the defaults are Tomcat's own,
	 * they are lowered to fastws's size.
	 */
	@Override
	public void prepare(ServletContext servletContext, List<String> otherEndpoints) {
		if (!(servletContext.getAttribute(ServerContainer.class.getName()) instanceof WsServerContainer container)) {
			return;
		}
		if (!otherEndpoints.isEmpty()) {
			logger.debug(LogMessage.format("Tomcat's WebSocket message buffers stay at %d bytes, for %s",
					container.getDefaultMaxTextMessageBufferSize(), otherEndpoints));
			return;
		}
		if (container.getDefaultMaxTextMessageBufferSize() == TOMCAT_MESSAGE_BUFFER_SIZE
				&& container.getDefaultMaxBinaryMessageBufferSize() == TOMCAT_MESSAGE_BUFFER_SIZE) {
			container.setDefaultMaxTextMessageBufferSize(MESSAGE_BUFFER_SIZE);
			container.setDefaultMaxBinaryMessageBufferSize(MESSAGE_BUFFER_SIZE);
		}
	}

	@Override
	public boolean completesUpgradeAfterDispatch(HttpServletResponse response) throws IOException {
		response.flushBuffer();
		return response.getHeaders(HttpHeaders.CONNECTION)
			.stream()
			.flatMap((value) -> Arrays.stream(value.split(",")))
			.noneMatch((token) -> token.trim().equalsIgnoreCase("close"));
	}

	@Override
	public ContainerSession open(WebSocketSession session, ConnectionSettings settings) {
		// the message buffers of Tomcat's session, which with partial messages limit no message
		session.setTextMessageSizeLimit(MESSAGE_BUFFER_SIZE);
		session.setBinaryMessageSizeLimit(MESSAGE_BUFFER_SIZE);
		WsSession wsSession = (WsSession) ((NativeWebSocketSession) session).getNativeSession(Session.class);
		long sendTimeLimit = settings.sendTimeLimit().toMillis();
		wsSession.getUserProperties().put(BLOCKING_SEND_TIMEOUT, 3 * sendTimeLimit);
		wsSession.getUserProperties().put(ABNORMAL_CLOSE_SEND_TIMEOUT, sendTimeLimit);
		return new TomcatSession(session, wsSession);
	}

	/**
	 * One Tomcat session: frames go straight to its blocking remote, the close through Spring's session, and a
	 * close that has ended the connection releases the writers still blocked.
	 */
	private static final class TomcatSession implements ContainerSession {

		private final WebSocketSession session;

		private final WsSession wsSession;

		private final RemoteEndpoint.Basic remote;

		private final TomcatWrites writes;

		TomcatSession(WebSocketSession session, WsSession wsSession) {
			this.session = session;
			this.wsSession = wsSession;
			this.remote = wsSession.getBasicRemote();
			this.writes = new TomcatWrites(wsSession);
		}

		@Override
		public void sendText(String text) throws IOException {
			this.writes.write(() -> this.remote.sendText(text));
		}

		@Override
		public void sendBinary(ByteBuffer payload) throws IOException {
			this.writes.write(() -> this.remote.sendBinary(payload));
		}

		@Override
		public void sendPing() throws IOException {
			this.writes.write(() -> this.remote.sendPing(ByteBuffer.allocate(0)));
		}

		@Override
		public void close(int code, String reason) throws IOException {
			this.writes.close(() -> this.session.close(new CloseStatus(code, reason)));
		}

		@Override
		public void suspend() {
			this.wsSession.suspend();
		}

		@Override
		public void resume() {
			this.wsSession.resume();
		}

	}

}
