package io.fastws.server;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.server.RequestUpgradeStrategy;

/**
 * {@link WebSocketContainer} for Jetty 12: upgrades through Jetty's own WebSocket container, reads messages in
 * parts and frame by frame through Jetty's demand, which is also how reading is paused, and writes by waiting
 * for Jetty's callback.
 *
 * <p>Jetty's own idle timeout of WebSocket sessions (30 seconds) is turned off: fastws's idle timeout and
 * heartbeat are the ones that apply. A close waits behind the write in progress, as on Tomcat; if its frame
 * cannot be written within the send time limit, or the client does not answer it within as long again, the
 * connection is dropped, which fails the writes still waiting.
 */
final class JettyWebSocketContainer implements WebSocketContainer {

	static final String CONTAINER_CLASS = "org.eclipse.jetty.ee11.websocket.server.JettyWebSocketServerContainer";

	private final RequestUpgradeStrategy upgradeStrategy = new JettyUpgradeStrategy();

	@Override
	public String name() {
		return "Jetty";
	}

	@Override
	public RequestUpgradeStrategy upgradeStrategy() {
		return this.upgradeStrategy;
	}

	@Override
	public boolean completesUpgradeAfterDispatch(HttpServletResponse response) throws IOException {
		return true;
	}

	@Override
	public ContainerSession open(WebSocketSession session, ConnectionSettings settings) {
		JettySessionListener.Connection connection = (JettySessionListener.Connection) session;
		Session jettySession = connection.getNativeSession();
		jettySession.setIdleTimeout(Duration.ZERO);
		return new JettySession(jettySession, connection.demand(), settings.sendTimeLimit());
	}

	/**
	 * One Jetty session: each write waits for Jetty to have written its frame, reading is paused by holding
	 * back demand.
	 */
	private static final class JettySession implements ContainerSession {

		private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

		private final Session session;

		private final JettyDemand demand;

		private final long closeTimeout;

		JettySession(Session session, JettyDemand demand, Duration closeTimeout) {
			this.session = session;
			this.demand = demand;
			this.closeTimeout = closeTimeout.toNanos();
		}

		@Override
		public void sendText(String text) throws IOException {
			Callback.Completable written = new Callback.Completable();
			this.session.sendText(text, written);
			await(written);
		}

		@Override
		public void sendBinary(ByteBuffer payload) throws IOException {
			Callback.Completable written = new Callback.Completable();
			this.session.sendBinary(payload, written);
			await(written);
		}

		@Override
		public void sendPing() throws IOException {
			Callback.Completable written = new Callback.Completable();
			this.session.sendPing(EMPTY.duplicate(), written);
			await(written);
		}

		/**
		 * Send the close frame behind the write in progress, and drop the connection if the close handshake has
		 * not ended within twice the close timeout: one for the frame to be written, one for the client to
		 * answer it, which Jetty otherwise waits for without end, its idle timeout being off.
		 */
		@Override
		public void close(int code, String reason) throws IOException {
			ConnectionTimers.schedule(this.session::disconnect, 2 * this.closeTimeout);
			if (!this.session.isOpen()) {
				// a close frame is on its way already, the client's or fastws's own
				return;
			}
			Callback.Completable written = new Callback.Completable();
			this.session.close(code, reason, written);
			try {
				written.get(this.closeTimeout, TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				// the client reads nothing: drop it, which releases the writes waiting behind
				this.session.disconnect();
			}
			catch (ExecutionException ex) {
				// closed meanwhile, by the client or by Jetty: nothing is left to wait for
				this.session.disconnect();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.session.disconnect();
				throw new InterruptedIOException("Interrupted while closing the connection");
			}
		}

		/**
		 * Wait for a write, up to three times the send time limit, the backstop that Tomcat's blocking send
		 * timeout is: fastws's own send deadline closes the connection well before.
		 */
		private void await(Callback.Completable written) throws IOException {
			try {
				written.get(3 * this.closeTimeout, TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				this.session.disconnect();
				throw new SocketTimeoutException("Jetty did not write the frame within " + 3 * this.closeTimeout
						+ " ns");
			}
			catch (ExecutionException ex) {
				throw asIoException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("Interrupted while writing to the connection");
			}
		}

		@Override
		public void suspend() {
			this.demand.suspend();
		}

		@Override
		public void resume() {
			this.demand.resume();
		}

		private static IOException asIoException(ExecutionException ex) {
			Throwable cause = ex.getCause();
			return (cause instanceof IOException io) ? io : new IOException("Jetty could not write the frame", cause);
		}

	}

}
