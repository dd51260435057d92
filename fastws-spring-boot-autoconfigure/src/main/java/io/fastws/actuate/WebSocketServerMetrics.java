package io.fastws.actuate;

import io.fastws.broadcast.BroadcastBackend;
import io.fastws.broadcast.DefaultBroadcaster;
import io.fastws.server.WebSocketHandlerExecutor;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MeterBinder} for what fastws's limits and threads are doing: {@code fastws.handlers.active}
 * (running handlers), on platform threads {@code fastws.handlers.limit} and {@code fastws.writes.queued},
 * and, with a broadcaster, {@code fastws.broadcast.overflows} and {@code fastws.broadcast.backend.available}.
 */
public class WebSocketServerMetrics implements MeterBinder {

	private final WebSocketHandlerExecutor executor;

	private final @Nullable DefaultBroadcaster broadcaster;

	private final @Nullable BroadcastBackend broadcastBackend;

	/**
	 * Create the meters of the given parts.
	 * @param executor the executor of the handlers
	 * @param broadcaster the broadcaster, or {@code null} if there is none
	 * @param broadcastBackend the broadcast backend, or {@code null} if there is none
	 */
	public WebSocketServerMetrics(WebSocketHandlerExecutor executor, @Nullable DefaultBroadcaster broadcaster,
			@Nullable BroadcastBackend broadcastBackend) {
		this.executor = executor;
		this.broadcaster = broadcaster;
		this.broadcastBackend = broadcastBackend;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("fastws.handlers.active", this.executor, WebSocketHandlerExecutor::getActiveCount)
			.description("Handlers running: connections and handshakes being served")
			.register(registry);
		if (!this.executor.isVirtual()) {
			Gauge.builder("fastws.handlers.limit", this.executor, WebSocketHandlerExecutor::getMaxThreads)
				.description("The most handlers that can run at once on the platform thread pool")
				.register(registry);
			Gauge.builder("fastws.writes.queued", this.executor, WebSocketHandlerExecutor::getQueuedWrites)
				.description("Writes queued without waiting, such as broadcasts, that wait for a writer thread")
				.register(registry);
		}
		if (this.broadcaster != null) {
			FunctionCounter.builder("fastws.broadcast.overflows", this.broadcaster,
					DefaultBroadcaster::getOverflowCount)
				.description("Subscriptions ended because their subscriber fell too far behind")
				.register(registry);
		}
		if (this.broadcastBackend != null) {
			Gauge.builder("fastws.broadcast.backend.available", this.broadcastBackend,
					(backend) -> backend.isAvailable() ? 1 : 0)
				.description("Whether the broadcast backend can deliver messages: 1 or 0")
				.register(registry);
		}
	}

}
