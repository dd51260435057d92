package io.fastws.server;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Notices when one write to a client takes longer than the send time limit, from the
 * {@link ConnectionTimers} thread, rather than leaving it to the container's own send timeout.
 *
 * <p>The connection's writes happen one at a time. While a write is in progress a check is scheduled for the
 * moment it would pass the limit; a connection that writes nothing has none, and one that writes all the time
 * has one per send time limit, not one per message.
 */
final class SendDeadline {

	private final long limit;

	private final Runnable onExceeded;

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private volatile long started;

	private volatile boolean writing;

	private volatile boolean exceeded;

	/**
	 * Create the send deadline of one connection.
	 * @param limit how long one write may take
	 * @param onExceeded gives up on the client; runs on the shared timer thread, so it must not block
	 */
	SendDeadline(Duration limit, Runnable onExceeded) {
		this.limit = limit.toNanos();
		this.onExceeded = onExceeded;
	}

	/**
	 * Note that a write begins; the previous one, if any, has ended.
	 */
	void writeStarted() {
		this.started = System.nanoTime();
		this.writing = true;
		if (this.scheduled.compareAndSet(false, true)) {
			ConnectionTimers.schedule(this::check, this.limit);
		}
	}

	/**
	 * Note that the write in progress has ended.
	 */
	void writeEnded() {
		this.writing = false;
	}

	private void check() {
		if (this.exceeded) {
			return;
		}
		if (!this.writing) {
			this.scheduled.set(false);
			// a write that began meanwhile may have seen this check still scheduled
			if (!this.writing || !this.scheduled.compareAndSet(false, true)) {
				return;
			}
		}
		long elapsed = System.nanoTime() - this.started;
		if (elapsed < this.limit) {
			ConnectionTimers.schedule(this::check, this.limit - elapsed);
			return;
		}
		this.exceeded = true;
		this.onExceeded.run();
	}

}
