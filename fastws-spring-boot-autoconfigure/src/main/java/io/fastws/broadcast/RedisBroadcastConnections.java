package io.fastws.broadcast;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * The two connections of a {@link RedisBroadcastBackend}, one to publish and one to receive, which can tell
 * whether Redis still answers on both.
 */
final class RedisBroadcastConnections {

	private final StatefulRedisConnection<String, String> publishing;

	private final StatefulRedisPubSubConnection<String, String> subscribing;

	private RedisBroadcastConnections(StatefulRedisConnection<String, String> publishing,
			StatefulRedisPubSubConnection<String, String> subscribing) {
		this.publishing = publishing;
		this.subscribing = subscribing;
	}

	/**
	 * Open both connections, waiting for Redis to answer on each.
	 * @param client the client to connect with
	 * @param listener receives what the channels subscribed to carry
	 * @return the connections
	 * @throws io.lettuce.core.RedisException if Redis cannot be reached
	 */
	static RedisBroadcastConnections open(RedisClient client, RedisPubSubListener<String, String> listener) {
		StatefulRedisConnection<String, String> publishing = client.connect();
		try {
			StatefulRedisPubSubConnection<String, String> subscribing = client.connectPubSub();
			subscribing.addListener(listener);
			return new RedisBroadcastConnections(publishing, subscribing);
		}
		catch (RuntimeException ex) {
			closeQuietly(publishing);
			throw ex;
		}
	}

	RedisFuture<Long> publish(String channel, String message) {
		return this.publishing.async().publish(channel, message);
	}

	/**
	 * Subscribe to the given channels without waiting.
	 * @param channels the channels
	 */
	void subscribe(String... channels) {
		if (channels.length > 0) {
			this.subscribing.async().subscribe(channels);
		}
	}

	/**
	 * Subscribe to the given channels, waiting for Redis to confirm (or for the client's timeout).
	 * @param channels the channels
	 */
	void subscribeAndWait(String... channels) {
		if (channels.length > 0) {
			this.subscribing.sync().subscribe(channels);
		}
	}

	void unsubscribe(String channel) {
		this.subscribing.async().unsubscribe(channel);
	}

	boolean isOpen() {
		return this.publishing.isOpen() && this.subscribing.isOpen();
	}

	/**
	 * Check that both connections are open and that Redis answers a PING on each within the timeout.
	 * @param timeout how long to wait for the answers
	 * @return why Redis is taken for unreachable, or {@code null} if it answered
	 * @throws InterruptedException if interrupted while waiting for the answers
	 */
	String healthProblem(Duration timeout) throws InterruptedException {
		if (!isOpen()) {
			return "connection lost";
		}
		CompletableFuture<?> pings = CompletableFuture.allOf(this.publishing.async().ping().toCompletableFuture(),
				this.subscribing.async().ping().toCompletableFuture());
		try {
			pings.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return null;
		}
		catch (TimeoutException ex) {
			return "no answer to PING within " + timeout.toMillis() + " ms";
		}
		catch (ExecutionException ex) {
			return RedisAvailability.reason(ex.getCause());
		}
	}

	void close() {
		closeQuietly(this.subscribing);
		closeQuietly(this.publishing);
	}

	private static void closeQuietly(StatefulConnection<?, ?> connection) {
		try {
			connection.close();
		}
		catch (RuntimeException ex) {
			// closing anyway
		}
	}

}
