package io.fastws.broadcast;

import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Tracks whether Redis can be reached for broadcasting, and logs each change once: an outage at WARN, a
 * recovery at INFO.
 */
final class RedisAvailability {

	private static final Log logger = LogFactory.getLog(RedisBroadcastBackend.class);

	private final AtomicReference<State> state = new AtomicReference<>(State.UNKNOWN);

	boolean isAvailable() {
		return this.state.get() == State.UP;
	}

	/**
	 * Record that Redis is reachable.
	 * @return whether it was not known to be reachable before
	 */
	boolean available() {
		State previous = this.state.getAndSet(State.UP);
		if (previous == State.DOWN) {
			logger.info("Redis is reachable again: broadcasts reach the other instances again");
		}
		return previous != State.UP;
	}

	void unavailable(String reason) {
		if (this.state.getAndSet(State.DOWN) != State.DOWN) {
			logger.warn("Redis cannot be reached (" + reason + "): broadcasts reach this instance's subscribers "
					+ "only until it is back; reconnecting in the background");
		}
	}

	/**
	 * Describe a failure to reach Redis for the log, with its cause, which often says more.
	 * @param failure the failure
	 * @return the description
	 */
	static String reason(Throwable failure) {
		Throwable cause = failure.getCause();
		return (cause != null && cause.getMessage() != null) ? failure.getMessage() + ": " + cause.getMessage()
				: failure.getMessage();
	}

	private enum State {

		UNKNOWN, UP, DOWN

	}

}
