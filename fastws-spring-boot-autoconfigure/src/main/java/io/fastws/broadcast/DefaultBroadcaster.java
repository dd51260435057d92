package io.fastws.broadcast;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.LongAdder;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;

/**
 * The {@link Broadcaster}: delivers every message to this instance's subscribers at once and hands it to a
 * {@link BroadcastBackend} for the other instances.
 *
 * <p>Stopping it closes every subscription, and with them every {@link BroadcastRelay}; a subscription made
 * once it is stopped is closed at once.
 */
public class DefaultBroadcaster implements Broadcaster, SmartLifecycle {

	private final LongAdder overflows = new LongAdder();

	private final BroadcastBackend backend;

	private final JsonMapper jsonMapper;

	private final int subscriberQueueSize;

	private final Map<String, Set<Subscription>> subscriptions = new ConcurrentHashMap<>();

	private volatile boolean running;

	private volatile boolean stopped;

	/**
	 * Create a broadcaster.
	 * @param backend the backend that reaches other instances
	 * @param jsonMapper the mapper for messages that are not text
	 * @param subscriberQueueSize how many messages a subscriber may fall behind before it is cut off
	 */
	public DefaultBroadcaster(BroadcastBackend backend, JsonMapper jsonMapper, int subscriberQueueSize) {
		this.backend = backend;
		this.jsonMapper = jsonMapper;
		this.subscriberQueueSize = subscriberQueueSize;
	}

	@Override
	public void publish(String channel, Object message) {
		String text = (message instanceof CharSequence sequence) ? sequence.toString()
				: this.jsonMapper.writeValueAsString(message);
		deliverLocally(channel, text);
		this.backend.publish(channel, text);
	}

	@Override
	public Subscription subscribe(String channel) {
		Subscription subscription = new Subscription(channel, this.subscriberQueueSize, this::unsubscribe);
		this.subscriptions.compute(channel, (key, existing) -> {
			Set<Subscription> subscribers = (existing != null) ? existing : new CopyOnWriteArraySet<>();
			if (existing == null) {
				this.backend.subscribe(channel);
			}
			subscribers.add(subscription);
			return subscribers;
		});
		if (this.stopped) {
			subscription.close();
		}
		return subscription;
	}

	private void unsubscribe(Subscription subscription) {
		if (subscription.isOverflowed()) {
			this.overflows.increment();
		}
		this.subscriptions.computeIfPresent(subscription.channel(), (channel, subscribers) -> {
			subscribers.remove(subscription);
			if (subscribers.isEmpty()) {
				this.backend.unsubscribe(channel);
				return null;
			}
			return subscribers;
		});
	}

	private void deliverLocally(String channel, String message) {
		Set<Subscription> subscribers = this.subscriptions.get(channel);
		if (subscribers != null) {
			subscribers.forEach((subscription) -> subscription.deliver(message));
		}
	}

	/**
	 * Return how many subscriptions have ended because their subscriber fell more than the subscriber queue
	 * size behind.
	 * @return the number of overflowed subscriptions since start-up
	 */
	public long getOverflowCount() {
		return this.overflows.sum();
	}

	/**
	 * Return how many local subscribers a channel has.
	 * @param channel the channel
	 * @return the number of open subscriptions
	 */
	public int subscriberCount(String channel) {
		Set<Subscription> subscribers = this.subscriptions.get(channel);
		return (subscribers != null) ? subscribers.size() : 0;
	}

	@Override
	public void start() {
		this.stopped = false;
		this.backend.start(this::deliverLocally);
		this.running = true;
	}

	@Override
	public void stop() {
		this.stopped = true;
		this.running = false;
		this.backend.stop();
		this.subscriptions.values().forEach((subscribers) -> subscribers.forEach(Subscription::close));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
