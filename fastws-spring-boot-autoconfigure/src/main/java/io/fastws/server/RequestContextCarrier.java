package io.fastws.server;

import java.util.Map;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.util.ClassUtils;

/**
 * Carries the upgrade request's observation and logging context to the thread of the connection's handler:
 * the handler runs in the scope of the request's observation, so that with Micrometer Tracing its log lines
 * carry the request's trace id and the spans it starts belong to that trace, and with the request's SLF4J
 * MDC entries.
 */
final class RequestContextCarrier {

	private static final boolean MDC_PRESENT = ClassUtils.isPresent("org.slf4j.MDC",
			RequestContextCarrier.class.getClassLoader());

	private final @Nullable Observation observation;

	private final @Nullable Map<String, String> mdc;

	private RequestContextCarrier(@Nullable Observation observation, @Nullable Map<String, String> mdc) {
		this.observation = observation;
		this.mdc = mdc;
	}

	/**
	 * Capture the context of the calling thread, the one handling the upgrade request.
	 * @param observation the request's observation, or {@code null} if it is not observed
	 * @return the carrier of that context
	 */
	static RequestContextCarrier capture(@Nullable Observation observation) {
		return new RequestContextCarrier(observation, MDC_PRESENT ? MDC.getCopyOfContextMap() : null);
	}

	/**
	 * Run a task with the captured context, leaving the thread as it found it.
	 * @param task the task
	 */
	void run(Runnable task) {
		Map<String, String> previous = MDC_PRESENT ? replaceMdc(this.mdc) : null;
		try {
			if (this.observation != null) {
				try (Observation.Scope scope = this.observation.openScope()) {
					task.run();
				}
			}
			else {
				task.run();
			}
		}
		finally {
			if (MDC_PRESENT) {
				replaceMdc(previous);
			}
		}
	}

	private static @Nullable Map<String, String> replaceMdc(@Nullable Map<String, String> entries) {
		Map<String, String> previous = MDC.getCopyOfContextMap();
		if (entries != null) {
			MDC.setContextMap(entries);
		}
		else {
			MDC.clear();
		}
		return previous;
	}

}
