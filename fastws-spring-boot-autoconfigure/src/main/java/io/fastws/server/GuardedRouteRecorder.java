package io.fastws.server;

import java.time.Duration;

import io.fastws.server.observation.WebSocketMessageMetrics.MessageType;
import io.fastws.server.observation.WebSocketMessageMetrics.RouteRecorder;
import org.apache.commons.logging.LogFactory;

/**
 * A {@link RouteRecorder} that keeps a recorder failing against its contract from failing what it records:
 * the message is still sent or received and reading still suspended, and the failure is warned about once a
 * minute at most.
 */
final class GuardedRouteRecorder implements RouteRecorder {

	private static final RateLimitedWarning warning = new RateLimitedWarning(
			LogFactory.getLog(GuardedRouteRecorder.class), Duration.ofSeconds(60));

	private final RouteRecorder delegate;

	GuardedRouteRecorder(RouteRecorder delegate) {
		this.delegate = delegate;
	}

	@Override
	public void received(MessageType type, int size) {
		try {
			this.delegate.received(type, size);
		}
		catch (RuntimeException ex) {
			warn("a message received", ex);
		}
	}

	@Override
	public void sent(MessageType type, int size) {
		try {
			this.delegate.sent(type, size);
		}
		catch (RuntimeException ex) {
			warn("a message sent", ex);
		}
	}

	@Override
	public void readingSuspended() {
		try {
			this.delegate.readingSuspended();
		}
		catch (RuntimeException ex) {
			warn("a push-back", ex);
		}
	}

	private static void warn(String what, RuntimeException ex) {
		warning.warn("Could not record " + what + " (WebSocketMessageMetrics must not throw): " + ex);
	}

}
