package io.fastws.server;

import java.time.Duration;

/**
 * Closes a connection once no text or binary message, not even a part of one, has come from its client for
 * the idle timeout. As a {@link ConnectionTimer}, it never counts the time reading is suspended because the
 * handler is behind: a client held back is not idle, and the timeout starts again when reading resumes.
 *
 * <p>Each connection has at most one check scheduled, at the earliest moment it could be idle.
 */
final class IdleTimeout extends ConnectionTimer {

	private final long timeout;

	private final Runnable onIdle;

	private volatile long lastData;

	/**
	 * Create the idle timeout of one connection.
	 * @param reading the container's control over reading from the client
	 * @param timeout how long the client may send nothing
	 * @param onIdle closes the connection; runs on the shared timer thread, so it must not block
	 */
	IdleTimeout(FlowControl reading, Duration timeout, Runnable onIdle) {
		super(reading);
		this.timeout = timeout.toNanos();
		this.onIdle = onIdle;
	}

	/**
	 * Start timing, as the connection opens.
	 */
	void start() {
		this.lastData = System.nanoTime();
		schedule(this.timeout);
	}

	/**
	 * Note that a message, or a part of one, has come from the client.
	 */
	void dataReceived() {
		this.lastData = System.nanoTime();
	}

	@Override
	protected void restart() {
		this.lastData = System.nanoTime();
	}

	@Override
	protected void check() {
		// read whether reading is suspended first: once it has resumed, lastData is the time it resumed
		if (isSuspended()) {
			schedule(this.timeout);
			return;
		}
		long idle = System.nanoTime() - this.lastData;
		if (idle < this.timeout) {
			schedule(this.timeout - idle);
			return;
		}
		stop();
		this.onIdle.run();
	}

}
