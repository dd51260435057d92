package io.fastws.server;

import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;

/**
 * A timer of one connection, such as its idle timeout or its heartbeat, that is also the connection's
 * {@link FlowControl}: it knows while reading is suspended because the handler is behind, when the client
 * cannot be timed fairly, and hears when reading resumes.
 *
 * <p>Each timer has at most one check scheduled at a time, on the {@link ConnectionTimers} thread shared by
 * every connection; checks must not block.
 */
abstract class ConnectionTimer implements FlowControl {

	private final FlowControl reading;

	private volatile boolean suspended;

	private volatile boolean stopped;

	private @Nullable ScheduledFuture<?> check;

	ConnectionTimer(FlowControl reading) {
		this.reading = reading;
	}

	@Override
	public void suspend() {
		this.suspended = true;
		this.reading.suspend();
	}

	@Override
	public void resume() {
		// restart the timing before a check can see reading resumed
		restart();
		this.suspended = false;
		this.reading.resume();
	}

	/**
	 * Start timing afresh, as reading resumes: the time it was suspended does not count.
	 */
	protected abstract void restart();

	/**
	 * Look at the connection when the scheduled time has come; runs on the shared timer thread, only while the
	 * timer is not stopped.
	 */
	protected abstract void check();

	/**
	 * Return whether reading is suspended now.
	 * @return {@code true} while the handler is behind
	 */
	protected final boolean isSuspended() {
		return this.suspended;
	}

	/**
	 * Stop timing, as the connection has closed or the timer has acted.
	 */
	final void stop() {
		this.stopped = true;
		synchronized (this) {
			if (this.check != null) {
				this.check.cancel(false);
			}
		}
	}

	/**
	 * Schedule the next check, unless the timer is stopped.
	 * @param delayNanos the delay in nanoseconds
	 */
	protected final synchronized void schedule(long delayNanos) {
		if (!this.stopped) {
			this.check = ConnectionTimers.schedule(this::checkUnlessStopped, delayNanos);
		}
	}

	private void checkUnlessStopped() {
		if (!this.stopped) {
			check();
		}
	}

}
