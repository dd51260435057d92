package io.fastws.server;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;

/**
 * A warning that repeats for every occurrence of a condition, such as a refused handshake, logged at most
 * once per interval, with how many occurrences the log did not show since the last line.
 */
final class RateLimitedWarning {

	private final Log logger;

	private final long intervalNanos;

	private final AtomicLong nextLogTime = new AtomicLong(System.nanoTime());

	private final AtomicLong suppressed = new AtomicLong();

	RateLimitedWarning(Log logger, Duration interval) {
		this.logger = logger;
		this.intervalNanos = interval.toNanos();
	}

	/**
	 * Log the message at WARN unless a line was logged within the interval; count it otherwise.
	 * @param message the message
	 */
	void warn(String message) {
		long now = System.nanoTime();
		long next = this.nextLogTime.get();
		if (now - next < 0 || !this.nextLogTime.compareAndSet(next, now + this.intervalNanos)) {
			this.suppressed.incrementAndGet();
			return;
		}
		long skipped = this.suppressed.getAndSet(0);
		this.logger.warn((skipped > 0) ? message + " (and " + skipped + " more like it since the last warning)"
				: message);
	}

}
