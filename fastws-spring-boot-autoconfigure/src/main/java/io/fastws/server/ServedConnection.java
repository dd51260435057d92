package io.fastws.server;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;


/**
 * One connection as {@link WebSocketConnections} tracks it: from the start of its handler to the end of the
 * handler's cleanup, including the time before the handler decides the handshake.
 */
final class ServedConnection {

	private final PendingConnection pending;

	private final SessionTransport transport;

	private final String path;

	private final CompletableFuture<Void> finished = new CompletableFuture<>();

	private volatile @Nullable Thread handlerThread;

	ServedConnection(PendingConnection pending, SessionTransport transport, String path) {
		this.pending = pending;
		this.transport = transport;
		this.path = path;
	}

	WebSocketRoute route() {
		return this.pending.route();
	}

	void started(Thread thread) {
		this.handlerThread = thread;
	}

	void finished() {
		this.finished.complete(null);
	}

	CompletableFuture<Void> whenFinished() {
		return this.finished;
	}

	/**
	 * Answer an undecided handshake with 503, or close an accepted connection with the given code once the
	 * messages queued for it are written; the handler's next receive and send throw a
	 * {@link io.fastws.WebSocketDisconnect} with that code.
	 * @param closeCode the close code
	 * @return the future of the close frame's write, complete at once when there is nothing to close
	 */
	CompletableFuture<Void> shutDown(int closeCode) {
		HandshakeDecision decision = this.pending.decision();
		if (this.pending.refuseForShutdown(closeCode)) {
			return CompletableFuture.completedFuture(null);
		}
		if (!(decision.outcome() instanceof HandshakeDecision.Accepted)) {
			return CompletableFuture.completedFuture(null);
		}
		return this.transport.shutDown(closeCode);
	}

	/**
	 * Interrupt the handler, which did not return in time.
	 */
	void interrupt() {
		Thread thread = this.handlerThread;
		if (thread != null) {
			thread.interrupt();
		}
	}

	String describe() {
		return this.pending.route().describe() + " for " + this.path;
	}

}
