package io.fastws.broadcast;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.RedisPubSubListener;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Carries broadcasts between instances through Redis pub/sub, on connections of its own to the Redis of the
 * application's {@link LettuceConnectionFactory}, so with Spring Boot's {@code spring.data.redis.*} settings.
 *
 * <p>Publishing never waits for Redis. While Redis cannot be reached, messages reach this instance's
 * subscribers only, the outage is logged once at WARN and the recovery once at INFO. The connections do not
 * reconnect by themselves: a monitor thread sends a PING on each every health check interval, takes Redis for
 * unreachable when a connection is lost or a PING goes unanswered for the timeout (so a Redis that hangs is
 * noticed too), and then opens new ones, subscriptions included, every reconnect interval until Redis answers.
 * Messages carry the publishing instance's id, so that an instance does not deliver its own messages twice; a
 * message published by anything else (such as {@code redis-cli PUBLISH}) is delivered as it is.
 */
public class RedisBroadcastBackend implements BroadcastBackend {

	private static final String ENVELOPE_PREFIX = "fastws:1:";

	private final LettuceConnectionFactory connectionFactory;

	private final Duration reconnectInterval;

	private Duration healthCheckInterval = Duration.ofSeconds(1);

	private Duration timeout = Duration.ofSeconds(2);

	private final String instanceId = UUID.randomUUID().toString();

	private final Set<String> channels = ConcurrentHashMap.newKeySet();

	private final RedisAvailability availability = new RedisAvailability();

	private final RedisPubSubListener<String, String> receiver = new RedisPubSubAdapter<>() {

		@Override
		public void message(String channel, String message) {
			received(channel, message);
		}

	};

	private ScheduledExecutorService monitor;

	private RedisClient client;

	private BiConsumer<String, String> listener;

	private volatile RedisBroadcastConnections connections;

	/**
	 * Create a backend on the given connection factory.
	 * @param connectionFactory the application's Lettuce connection factory
	 * @param reconnectInterval how often to try again while Redis cannot be reached
	 */
	public RedisBroadcastBackend(LettuceConnectionFactory connectionFactory, Duration reconnectInterval) {
		this.connectionFactory = connectionFactory;
		this.reconnectInterval = reconnectInterval;
	}

	/**
	 * Set how often to check, while connected, that Redis still answers. Defaults to one second.
	 * @param healthCheckInterval the time between two checks
	 */
	public void setHealthCheckInterval(Duration healthCheckInterval) {
		this.healthCheckInterval = healthCheckInterval;
	}

	/**
	 * Set how long Redis may take to accept a connection, or to answer a command or a PING, before it is taken
	 * for unreachable. Defaults to two seconds.
	 * @param timeout the timeout
	 */
	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	@Override
	public void start(BiConsumer<String, String> listener) {
		this.listener = listener;
		this.client = RedisBroadcastClientFactory.create(this.connectionFactory, this.timeout);
		this.monitor = Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("fastws-redis-"));
		this.monitor.execute(this::check);
	}

	@Override
	public void stop() {
		if (this.monitor != null) {
			this.monitor.shutdownNow();
			try {
				this.monitor.awaitTermination(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		disconnect();
		if (this.client != null) {
			this.client.shutdown(Duration.ZERO, this.timeout);
			this.client = null;
		}
	}

	@Override
	public void subscribe(String channel) {
		this.channels.add(channel);
		RedisBroadcastConnections connections = this.connections;
		if (connections != null && connections.isOpen()) {
			connections.subscribe(channel);
		}
	}

	@Override
	public void unsubscribe(String channel) {
		this.channels.remove(channel);
		RedisBroadcastConnections connections = this.connections;
		if (connections != null && connections.isOpen()) {
			connections.unsubscribe(channel);
		}
	}

	@Override
	public void publish(String channel, String message) {
		RedisBroadcastConnections connections = this.connections;
		if (connections == null || !connections.isOpen()) {
			// not connected yet, or Redis is gone and the monitor reports it
			return;
		}
		connections.publish(channel, ENVELOPE_PREFIX + this.instanceId + ":" + message)
			.whenComplete((receivers, failure) -> {
				if (failure != null) {
					this.availability.unavailable(RedisAvailability.reason(failure));
				}
			});
	}

	/**
	 * Return whether Redis can be reached now, as far as this backend knows.
	 * @return {@code true} while both connections are open and Redis answers on them
	 */
	@Override
	public boolean isAvailable() {
		return this.availability.isAvailable();
	}

	private void check() {
		boolean connected = false;
		try {
			connected = checkConnections();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			Duration delay = connected ? this.healthCheckInterval : this.reconnectInterval;
			try {
				this.monitor.schedule(this::check, delay.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ex) {
				// stopped
			}
		}
	}

	private boolean checkConnections() throws InterruptedException {
		RedisBroadcastConnections current = this.connections;
		if (current != null) {
			String problem = current.healthProblem(this.timeout);
			if (problem == null) {
				if (this.availability.available()) {
					current.subscribe(this.channels.toArray(String[]::new));
				}
				return true;
			}
			disconnect();
			if (stopping()) {
				return false;
			}
			this.availability.unavailable(problem);
		}
		try {
			RedisBroadcastConnections opened = RedisBroadcastConnections.open(this.client, this.receiver);
			// Set before the channels are read: a channel that subscribe(String) adds meanwhile is either
			// among them or subscribed to on these connections by subscribe(String) itself.
			this.connections = opened;
			opened.subscribeAndWait(this.channels.toArray(String[]::new));
			this.availability.available();
			return true;
		}
		catch (RuntimeException ex) {
			disconnect();
			if (!stopping()) {
				this.availability.unavailable(RedisAvailability.reason(ex));
			}
			return false;
		}
	}

	private void disconnect() {
		RedisBroadcastConnections connections = this.connections;
		this.connections = null;
		if (connections != null) {
			connections.close();
		}
	}

	private boolean stopping() {
		return this.monitor.isShutdown();
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

}
