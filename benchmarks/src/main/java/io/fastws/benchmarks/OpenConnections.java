package io.fastws.benchmarks;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * Counts the echo connections that are open, so that the scale benchmark sees whether the server closed any.
 */
@Component
class OpenConnections {

	private final AtomicInteger count = new AtomicInteger();

	void opened() {
		this.count.incrementAndGet();
	}

	void closed() {
		this.count.decrementAndGet();
	}

	int count() {
		return this.count.get();
	}

}
