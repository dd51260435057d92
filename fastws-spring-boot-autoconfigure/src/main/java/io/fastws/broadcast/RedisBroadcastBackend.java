package io.fastws.broadcast;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Carries broadcasts between instances through Redis pub/sub, on connections of its own made with the
 * application's {@link LettuceConnectionFactory}, so with Spring Boot's {@code spring.data.redis.*}
 * settings.
 *
 * <p>Publishing never waits for Redis. While Redis cannot be reached, messages reach this instance's
 * subscribers only, the outage is logged once at WARN and the recovery once at INFO, and the backend
 * reconnects on its own, subscriptions included. Messages carry the publishing instance's id, so that an
 * instance does not deliver its own messages twice; a message published by anything else (such as
 * {@code redis-cli PUBLISH}) is delivered as it is.
 */
public class RedisBroadcastBackend implements BroadcastBackend {

	private static final String ENVELOPE_PREFIX = "fastws:1:";

	private final LettuceConnectionFactory connectionFactory;

	private final Duration reconnectInterval;

	private final String instanceId = UUID.randomUUID().toString();

	private final Set<String> channels = ConcurrentHashMap.newKeySet();

	private final RedisAvailability availability = new RedisAvailability();

	private final Object connectionLock = new Object();

	private ScheduledExecutorService monitor;

	private BiConsumer<String, String> listener;

	private volatile StatefulRedisConnection<String, String> publishing;

	private volatile StatefulRedisPubSubConnection<String, String> subscribing;

	/**
	 * Create a backend on the given connection factory.
	 * @param connectionFactory the application's Lettuce connection factory
	 * @param reconnectInterval how often to try again while Redis cannot be reached
	 */
	public RedisBroadcastBackend(LettuceConnectionFactory connectionFactory, Duration reconnectInterval) {
		this.connectionFactory = connectionFactory;
		this.reconnectInterval = reconnectInterval;
	}

	@Override
	public void start(BiConsumer<String, String> listener) {
		this.listener = listener;
		this.monitor = Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("fastws-redis-"));
		this.monitor.scheduleWithFixedDelay(this::checkConnections, 0, this.reconnectInterval.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		if (this.monitor != null) {
			this.monitor.shutdownNow();
		}
		synchronized (this.connectionLock) {
			closeQuietly(this.subscribing);
			closeQuietly(this.publishing);
			this.subscribing = null;
			this.publishing = null;
		}
	}

	@Override
	public void subscribe(String channel) {
		this.channels.add(channel);
		StatefulRedisPubSubConnection<String, String> connection = this.subscribing;
		if (connection != null && connection.isOpen()) {
			connection.async().subscribe(channel);
		}
	}

	@Override
	public void unsubscribe(String channel) {
		this.channels.remove(channel);
		StatefulRedisPubSubConnection<String, String> connection = this.subscribing;
		if (connection != null && connection.isOpen()) {
			connection.async().unsubscribe(channel);
		}
	}

	@Override
	public void publish(String channel, String message) {
		StatefulRedisConnection<String, String> connection = this.publishing;
		if (connection == null || !connection.isOpen()) {
			this.availability.unavailable("not connected");
			return;
		}
		connection.async().publish(channel, ENVELOPE_PREFIX + this.instanceId + ":" + message)
			.whenComplete((receivers, failure) -> {
				if (failure != null) {
					this.availability.unavailable(failure.getMessage());
				}
			});
	}

	/**
	 * Return whether Redis can be reached now, as far as this backend knows.
	 * @return {@code true} while both connections are open
	 */
	public boolean isAvailable() {
		return this.availability.isAvailable();
	}

	private void checkConnections() {
		try {
			synchronized (this.connectionLock) {
				if (this.publishing == null) {
					this.publishing = client().connect();
				}
				if (this.subscribing == null) {
					this.subscribing = subscribingConnection();
				}
			}
			if (this.publishing.isOpen() && this.subscribing.isOpen()) {
				if (this.availability.available() && !this.channels.isEmpty()) {
					this.subscribing.async().subscribe(this.channels.toArray(String[]::new));
				}
			}
			else {
				this.availability.unavailable("connection lost");
			}
		}
		catch (RuntimeException ex) {
			this.availability.unavailable(ex.getMessage());
		}
	}

	private StatefulRedisPubSubConnection<String, String> subscribingConnection() {
		StatefulRedisPubSubConnection<String, String> connection = client().connectPubSub();
		connection.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void message(String channel, String message) {
				received(channel, message);
			}

		});
		if (!this.channels.isEmpty()) {
			connection.sync().subscribe(this.channels.toArray(String[]::new));
		}
		return connection;
	}

	private void received(String channel, String message) {
		if (message.startsWith(ENVELOPE_PREFIX)) {
			int separator = message.indexOf(':', ENVELOPE_PREFIX.length());
			if (separator > 0) {
				String origin = message.substring(ENVELOPE_PREFIX.length(), separator);
				if (!origin.equals(this.instanceId)) {
					this.listener.accept(channel, message.substring(separator + 1));
				}
				return;
			}
		}
		this.listener.accept(channel, message);
	}

	private RedisClient client() {
		if (this.connectionFactory.getRequiredNativeClient() instanceof RedisClient client) {
			return client;
		}
		throw new IllegalStateException("fastws.broadcast.backend=redis needs a standalone Redis, "
				+ "not a cluster or sentinel set-up");
	}

	private static void closeQuietly(io.lettuce.core.api.StatefulConnection<?, ?> connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (RuntimeException ex) {
				// closing anyway
			}
		}
	}

}
