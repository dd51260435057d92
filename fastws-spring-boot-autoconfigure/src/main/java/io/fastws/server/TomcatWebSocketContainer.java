package io.fastws.server;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import org.apache.tomcat.websocket.WsSession;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.server.RequestUpgradeStrategy;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;

/**
 * {@link WebSocketContainer} for Tomcat: upgrades through the standard Jakarta WebSocket API, writes with
 * the session's asynchronous remote while the sender waits at most the send time limit, and pauses reading
 * with {@link WsSession#suspend()}.
 *
 * <p>A write that outlasts the send time limit is left to finish rather than cut short, so that a close
 * sent next follows it whole; Tomcat waits for it up to another send time limit before it drops the
 * connection, where Tomcat's own blocking send would drop it at its timeout, without a close frame.
 */
final class TomcatWebSocketContainer implements WebSocketContainer {

	private static final Duration CLOSED_WRITE_GRACE = Duration.ofSeconds(1);

	static final String WS_SESSION_CLASS = "org.apache.tomcat.websocket.WsSession";

	private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	private static final String ABNORMAL_CLOSE_SEND_TIMEOUT = "org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT";

	private final RequestUpgradeStrategy upgradeStrategy = new StandardWebSocketUpgradeStrategy();

	@Override
	public RequestUpgradeStrategy upgradeStrategy() {
		return this.upgradeStrategy;
	}

	@Override
	public ContainerSession open(WebSocketSession session, ConnectionSettings settings) {
		session.setTextMessageSizeLimit(settings.maxTextMessageSize());
		session.setBinaryMessageSizeLimit(settings.maxBinaryMessageSize());
		WsSession wsSession = (WsSession) ((NativeWebSocketSession) session).getNativeSession(Session.class);
		wsSession.getUserProperties().put(BLOCKING_SEND_TIMEOUT, settings.sendTimeLimit().toMillis());
		// Tomcat's own closes (1009 for an oversized message, 1002, ...) also get the send time limit to write
		// their close frame, instead of 50 ms after which the client is dropped and the handler told 1006
		wsSession.getUserProperties().put(ABNORMAL_CLOSE_SEND_TIMEOUT, settings.sendTimeLimit().toMillis());
		return new TomcatSession(session, wsSession, settings.sendTimeLimit());
	}

	/**
	 * One Tomcat session: frames go to its asynchronous remote, one at a time, the close through Spring's
	 * session.
	 */
	private static final class TomcatSession implements ContainerSession {

		private final WebSocketSession session;

		private final WsSession wsSession;

		private final RemoteEndpoint.Async remote;

		private final long sendTimeLimit;

		private volatile @Nullable Completion writing;

		private volatile boolean closed;

		TomcatSession(WebSocketSession session, WsSession wsSession, Duration sendTimeLimit) {
			this.session = session;
			this.wsSession = wsSession;
			this.remote = wsSession.getAsyncRemote();
			this.sendTimeLimit = sendTimeLimit.toMillis();
		}

		@Override
		public void sendText(String text) throws IOException {
			Completion completion = startWrite();
			this.remote.sendText(text, completion);
			completion.await(this.sendTimeLimit);
		}

		@Override
		public void sendBinary(ByteBuffer payload) throws IOException {
			Completion completion = startWrite();
			this.remote.sendBinary(payload, completion);
			completion.await(this.sendTimeLimit);
		}

		private Completion startWrite() throws IOException {
			Completion completion = new Completion();
			this.writing = completion;
			if (this.closed) {
				throw new EOFException("The connection is closed");
			}
			return completion;
		}

		@Override
		public void close(int code, String reason) throws IOException {
			this.wsSession.getUserProperties().put(ABNORMAL_CLOSE_SEND_TIMEOUT, this.sendTimeLimit);
			this.session.close(new CloseStatus(code, reason));
		}

		@Override
		public void connectionClosed() {
			// Tomcat drops a message queued behind its close frame without telling its handler
			this.closed = true;
			// but a write that did reach the client may report it a little later, on a container thread:
			// give it a moment before failing it, rather than tell its sender a delivered message was lost
			Completion completion = this.writing;
			if (completion != null && !completion.isDone()) {
				CompletableFuture.delayedExecutor(CLOSED_WRITE_GRACE.toMillis(), TimeUnit.MILLISECONDS)
					.execute(() -> completion.completeExceptionally(new EOFException("The connection was closed")));
			}
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

	/**
	 * The outcome of one asynchronous write, waited for at most the send time limit. The wait is not
	 * interruptible: it is bounded, and a write given up on is still on its way.
	 */
	private static final class Completion extends CompletableFuture<Void> implements SendHandler {

		@Override
		public void onResult(SendResult result) {
			if (result.isOK()) {
				complete(null);
			}
			else {
				completeExceptionally(result.getException());
			}
		}

		void await(long timeLimit) throws IOException {
			boolean interrupted = false;
			long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeLimit);
			try {
				while (true) {
					try {
						get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
						return;
					}
					catch (InterruptedException ex) {
						interrupted = true;
					}
					catch (TimeoutException ex) {
						throw new SocketTimeoutException("The client has not taken a message within " + timeLimit + " ms");
					}
					catch (ExecutionException ex) {
						Throwable cause = ex.getCause();
						throw (cause instanceof IOException io) ? io : new IOException("Sending to the client failed", cause);
					}
				}
			}
			finally {
				if (interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

}
