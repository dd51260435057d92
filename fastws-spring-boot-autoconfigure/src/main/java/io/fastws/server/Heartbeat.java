package io.fastws.server;

import java.time.Duration;

/**
 * Pings a connection's client at an interval and closes the connection when a pong does not come back in
 * time, as uvicorn does. As a {@link ConnectionTimer}, it knows when reading is suspended because the handler
 * is behind: a pong cannot be read then, so no ping is sent or awaited, and the heartbeat starts again when
 * reading resumes.
 *
 * <p>The ping itself is written by the given action, off the shared timer thread.
 */
final class Heartbeat extends ConnectionTimer {

	private final long interval;

	private final long timeout;

	private final Runnable ping;

	private final Runnable onTimeout;

	private volatile long lastPing;

	private volatile boolean awaitingPong;

	/**
	 * Create the heartbeat of one connection.
	 * @param reading the container's control over reading from the client
	 * @param interval the time from one ping to the next
	 * @param timeout how long a pong may take, or {@link Duration#ZERO} to wait for ever
	 * @param ping sends a ping; runs on the shared timer thread, so it must not block
	 * @param onTimeout closes the connection; runs on the shared timer thread, so it must not block
	 */
	Heartbeat(FlowControl reading, Duration interval, Duration timeout, Runnable ping, Runnable onTimeout) {
		super(reading);
		this.interval = interval.toNanos();
		this.timeout = timeout.isZero() ? Long.MAX_VALUE : timeout.toNanos();
		this.ping = ping;
		this.onTimeout = onTimeout;
	}

	/**
	 * Start the heartbeat, as the connection opens: the first ping goes out one interval later.
	 */
	void start() {
		this.lastPing = System.nanoTime();
		schedule(this.interval);
	}

	/**
	 * Note that a pong has come from the client.
	 */
	void pongReceived() {
		this.awaitingPong = false;
	}

	@Override
	protected void restart() {
		// a ping sent while suspended may have been answered unread: start again from now
		this.awaitingPong = false;
		this.lastPing = System.nanoTime();
	}

	@Override
	protected void check() {
		if (isSuspended()) {
			schedule(this.interval);
			return;
		}
		long sincePing = System.nanoTime() - this.lastPing;
		if (this.awaitingPong) {
			if (sincePing >= this.timeout) {
				stop();
				this.onTimeout.run();
				return;
			}
			// look again when the pong is due, or when the next ping is if the pong comes before
			schedule((sincePing < this.interval) ? Math.min(this.timeout, this.interval) - sincePing
					: this.timeout - sincePing);
			return;
		}
		if (sincePing < this.interval) {
			schedule(this.interval - sincePing);
			return;
		}
		this.lastPing = System.nanoTime();
		this.awaitingPong = this.timeout != Long.MAX_VALUE;
		this.ping.run();
		schedule(Math.min(this.interval, this.timeout));
	}

}
