package io.fastws.broadcast;

import java.util.function.BiConsumer;

/**
 * The backend of a single instance: there are no other instances to reach, so it carries nothing, and
 * the {@link Broadcaster} serves its local subscribers alone.
 */
public class InMemoryBroadcastBackend implements BroadcastBackend {

	@Override
	public void start(BiConsumer<String, String> listener) {
	}

	@Override
	public void stop() {
	}

	@Override
	public void subscribe(String channel) {
	}

	@Override
	public void unsubscribe(String channel) {
	}

	@Override
	public void publish(String channel, String message) {
	}

}
