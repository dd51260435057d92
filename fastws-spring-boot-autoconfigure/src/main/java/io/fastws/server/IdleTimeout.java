package io.fastws.server;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;

/**
 * Closes a connection once no text or binary message has come from its client for the idle timeout. It is also the
 * connection's {@link FlowControl}, so that the time reading is suspended because the handler is behind
 * never counts: a client held back is not idle, and the timeout starts again when reading resumes.
 *
 * <p>Each connection has at most one check scheduled, at the earliest moment it could be idle, on the
 * {@link ConnectionTimers} thread shared by every connection.
 */
final class IdleTimeout implements FlowControl {

	private final FlowControl reading;

	private final long timeout;

	private final Runnable onIdle;

	private volatile long lastMessage;

	private volatile boolean suspended;

	private volatile boolean stopped;

	private @Nullable ScheduledFuture<?> check;

	/**
	 * Create the idle timeout of one connection.
	 * @param reading the container's control over reading from the client
	 * @param timeout how long the client may send nothing
	 * @param onIdle closes the connection; runs on the shared scheduler thread, so it must not block
	 */
	IdleTimeout(FlowControl reading, Duration timeout, Runnable onIdle) {
		this.reading = reading;
		this.timeout = timeout.toNanos();
		this.onIdle = onIdle;
	}

	/**
	 * Start timing, as the connection opens.
	 */
	void start() {
		this.lastMessage = System.nanoTime();
		schedule(this.timeout);
	}

	/**
	 * Note that a message has come from the client.
	 */
	void messageReceived() {
		this.lastMessage = System.nanoTime();
	}

	@Override
	public void suspend() {
		this.suspended = true;
		this.reading.suspend();
	}

	@Override
	public void resume() {
		// the time suspended is not idle: restart before a check can see reading resumed
		this.lastMessage = System.nanoTime();
		this.suspended = false;
		this.reading.resume();
	}

	/**
	 * Stop timing, as the connection has closed.
	 */
	void stop() {
		this.stopped = true;
		synchronized (this) {
			if (this.check != null) {
				this.check.cancel(false);
			}
		}
	}

	private void check() {
		if (this.stopped) {
			return;
		}
		// read whether reading is suspended first: once it has resumed, lastMessage is the time it resumed
		if (this.suspended) {
			schedule(this.timeout);
			return;
		}
		long idle = System.nanoTime() - this.lastMessage;
		if (idle < this.timeout) {
			schedule(this.timeout - idle);
			return;
		}
		this.stopped = true;
		this.onIdle.run();
	}

	private synchronized void schedule(long delay) {
		if (!this.stopped) {
			this.check = ConnectionTimers.schedule(this::check, delay);
		}
	}

}
