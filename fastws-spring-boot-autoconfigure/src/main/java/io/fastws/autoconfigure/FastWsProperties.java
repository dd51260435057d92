package io.fastws.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.fastws.CloseCodes;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for fastws WebSocket endpoints.
 */
@ConfigurationProperties("fastws")
public class FastWsProperties {

	/**
	 * Whether to map @WebSocketController routes.
	 */
	private boolean enabled = true;

	/**
	 * How long a handler has to accept or reject its connection; after that the handshake is answered with
	 * 503 and the handler is interrupted.
	 */
	private Duration handshakeTimeout = Duration.ofSeconds(10);

	/**
	 * Which threads run handlers: 'auto' is a virtual thread per connection on Java 21 and later, and the
	 * platform thread pool on Java 17.
	 */
	private ThreadMode threads = ThreadMode.AUTO;

	/**
	 * The platform thread pool, used when handlers do not run on virtual threads.
	 */
	private final ThreadPool threadPool = new ThreadPool();

	/**
	 * Broadcasting to channels and across instances.
	 */
	private final Broadcast broadcast = new Broadcast();

	/**
	 * What open connections get when the application shuts down.
	 */
	private final Shutdown shutdown = new Shutdown();

	/**
	 * The access log of handshakes and closed connections.
	 */
	private final AccessLog accessLog = new AccessLog();

	/**
	 * How often the server pings each connection to learn whether its client is still there; '0' sends no
	 * pings.
	 */
	private Duration pingInterval = Duration.ofSeconds(20);

	/**
	 * How long a client has to answer a ping with a pong before the server closes its connection with
	 * 1011; '0' waits for ever.
	 */
	private Duration pingTimeout = Duration.ofSeconds(20);

	/**
	 * Largest text message accepted, counted in bytes of UTF-8; a larger one closes the connection with
	 * 1009 as soon as it crosses the limit. A message takes memory as it arrives, not this much up front.
	 */
	private DataSize maxTextMessageSize = DataSize.ofMegabytes(1);

	/**
	 * Largest binary message accepted; a larger one closes the connection with 1009 as soon as it crosses
	 * the limit. A message takes memory as it arrives, not this much up front.
	 */
	private DataSize maxBinaryMessageSize = DataSize.ofMegabytes(1);

	/**
	 * How long a connection may go without a message from its client before the server closes it with 1001;
	 * time during which the server holds the client back because its handler is behind does not count.
	 * Unset, a connection may stay idle for ever.
	 */
	private Duration idleTimeout;

	/**
	 * Origins allowed to connect besides the server's own, such as 'https://example.com'; '*' allows any.
	 * Another origin gets 403.
	 */
	private List<String> allowedOrigins = new ArrayList<>();

	/**
	 * Patterns of origins allowed to connect besides the server's own and 'allowed-origins', such as
	 * 'http://localhost:*' or 'https://*.example.com'. Another origin gets 403.
	 */
	private List<String> allowedOriginPatterns = new ArrayList<>();

	/**
	 * How many received messages may wait for a handler that is not reading; when that many wait, the
	 * server stops reading from that client until the handler catches up, so TCP pushes back on it.
	 */
	private int maxQueuedMessages = 64;

	/**
	 * Whether to negotiate permessage-deflate when a client asks for it. It saves bandwidth but costs
	 * memory and CPU on every connection.
	 */
	private boolean compression;

	/**
	 * How long one message may take to reach a client; a client that does not read for that long is closed
	 * with 1008, its close frame following the message on its way, and dropped if it reads nothing for as
	 * long again.
	 */
	private Duration sendTimeLimit = Duration.ofSeconds(10);

	/**
	 * How much output may wait for a slow client; a client that falls further behind is closed with 1013, its
	 * close frame following the message on its way.
	 */
	private DataSize sendBufferLimit = DataSize.ofMegabytes(1);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getHandshakeTimeout() {
		return this.handshakeTimeout;
	}

	public void setHandshakeTimeout(Duration handshakeTimeout) {
		this.handshakeTimeout = handshakeTimeout;
	}

	public ThreadMode getThreads() {
		return this.threads;
	}

	public void setThreads(ThreadMode threads) {
		this.threads = threads;
	}

	public ThreadPool getThreadPool() {
		return this.threadPool;
	}

	public Broadcast getBroadcast() {
		return this.broadcast;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public AccessLog getAccessLog() {
		return this.accessLog;
	}

	public Duration getPingInterval() {
		return this.pingInterval;
	}

	public void setPingInterval(Duration pingInterval) {
		this.pingInterval = pingInterval;
	}

	public Duration getPingTimeout() {
		return this.pingTimeout;
	}

	public void setPingTimeout(Duration pingTimeout) {
		this.pingTimeout = pingTimeout;
	}

	public DataSize getMaxTextMessageSize() {
		return this.maxTextMessageSize;
	}

	public void setMaxTextMessageSize(DataSize maxTextMessageSize) {
		this.maxTextMessageSize = maxTextMessageSize;
	}

	public DataSize getMaxBinaryMessageSize() {
		return this.maxBinaryMessageSize;
	}

	public void setMaxBinaryMessageSize(DataSize maxBinaryMessageSize) {
		this.maxBinaryMessageSize = maxBinaryMessageSize;
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public List<String> getAllowedOrigins() {
		return this.allowedOrigins;
	}

	public void setAllowedOrigins(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins;
	}

	public List<String> getAllowedOriginPatterns() {
		return this.allowedOriginPatterns;
	}

	public void setAllowedOriginPatterns(List<String> allowedOriginPatterns) {
		this.allowedOriginPatterns = allowedOriginPatterns;
	}

	public int getMaxQueuedMessages() {
		return this.maxQueuedMessages;
	}

	public void setMaxQueuedMessages(int maxQueuedMessages) {
		this.maxQueuedMessages = maxQueuedMessages;
	}

	public boolean isCompression() {
		return this.compression;
	}

	public void setCompression(boolean compression) {
		this.compression = compression;
	}

	public Duration getSendTimeLimit() {
		return this.sendTimeLimit;
	}

	public void setSendTimeLimit(Duration sendTimeLimit) {
		this.sendTimeLimit = sendTimeLimit;
	}

	public DataSize getSendBufferLimit() {
		return this.sendBufferLimit;
	}

	public void setSendBufferLimit(DataSize sendBufferLimit) {
		this.sendBufferLimit = sendBufferLimit;
	}

	/**
	 * Which threads run WebSocket handlers.
	 */
	public enum ThreadMode {

		/**
		 * Virtual threads on Java 21 and later, the platform thread pool before.
		 */
		AUTO,

		/**
		 * A virtual thread per connection; needs Java 21 or later.
		 */
		VIRTUAL,

		/**
		 * The bounded platform thread pool.
		 */
		PLATFORM

	}

	/**
	 * Where broadcasts travel between instances.
	 */
	public enum BroadcastBackendType {

		/**
		 * Within this instance only.
		 */
		MEMORY,

		/**
		 * Through Redis pub/sub, configured with Spring Boot's 'spring.data.redis.*' properties.
		 */
		REDIS

	}

	/**
	 * Settings of the broadcaster.
	 */
	public static class Broadcast {

		/**
		 * Where broadcasts travel: 'memory' within this instance, or 'redis' across every instance that uses
		 * the same Redis.
		 */
		private BroadcastBackendType backend = BroadcastBackendType.MEMORY;

		/**
		 * How many messages a subscriber may fall behind before its subscription is cut off.
		 */
		private int subscriberQueueSize = 1024;

		/**
		 * The Redis backend.
		 */
		private final Redis redis = new Redis();

		public BroadcastBackendType getBackend() {
			return this.backend;
		}

		public void setBackend(BroadcastBackendType backend) {
			this.backend = backend;
		}

		public int getSubscriberQueueSize() {
			return this.subscriberQueueSize;
		}

		public void setSubscriberQueueSize(int subscriberQueueSize) {
			this.subscriberQueueSize = subscriberQueueSize;
		}

		public Redis getRedis() {
			return this.redis;
		}

		/**
		 * How often to try to reach Redis again while it cannot be reached.
		 * @return the reconnect interval
		 * @deprecated since 0.1.0 in favor of {@link Redis#getReconnectInterval()}
		 */
		@Deprecated(since = "0.1.0", forRemoval = true)
		@DeprecatedConfigurationProperty(replacement = "fastws.broadcast.redis.reconnect-interval", since = "0.1.0")
		public Duration getReconnectInterval() {
			return this.redis.getReconnectInterval();
		}

		/**
		 * Set how often to try to reach Redis again while it cannot be reached.
		 * @param reconnectInterval the reconnect interval
		 * @deprecated since 0.1.0 in favor of {@link Redis#setReconnectInterval(Duration)}
		 */
		@Deprecated(since = "0.1.0", forRemoval = true)
		public void setReconnectInterval(Duration reconnectInterval) {
			this.redis.setReconnectInterval(reconnectInterval);
		}

		/**
		 * Settings of the Redis backend.
		 */
		public static class Redis {

			/**
			 * How often to try to reach Redis again while it cannot be reached: once Redis is back,
			 * broadcasts reach the other instances again within about this long.
			 */
			private Duration reconnectInterval = Duration.ofSeconds(1);

			/**
			 * How often to check, while connected, that Redis still answers a PING on both of the
			 * broadcaster's connections.
			 */
			private Duration healthCheckInterval = Duration.ofSeconds(1);

			/**
			 * How long Redis may take to accept a connection, or to answer a command or a PING, before it is
			 * taken for unreachable and the broadcaster's connections are opened again.
			 */
			private Duration timeout = Duration.ofSeconds(2);

			public Duration getReconnectInterval() {
				return this.reconnectInterval;
			}

			public void setReconnectInterval(Duration reconnectInterval) {
				this.reconnectInterval = reconnectInterval;
			}

			public Duration getHealthCheckInterval() {
				return this.healthCheckInterval;
			}

			public void setHealthCheckInterval(Duration healthCheckInterval) {
				this.healthCheckInterval = healthCheckInterval;
			}

			public Duration getTimeout() {
				return this.timeout;
			}

			public void setTimeout(Duration timeout) {
				this.timeout = timeout;
			}

		}

	}

	/**
	 * Settings of the platform thread pool.
	 */
	public static class ThreadPool {

		/**
		 * Most connections handled at once, since each handler holds its thread for its connection's life;
		 * when all threads are busy, new handshakes get 503. Also the most threads that write messages queued
		 * without waiting, such as group sends. Unset, the container's connection limit
		 * ('server.tomcat.max-connections', 8192 by default; 'server.jetty.max-connections', 8192 when
		 * unlimited, as it is by default), so that the pool never refuses a client the server can still take;
		 * threads are started as connections come and end when idle.
		 */
		private Integer maxSize;

		/**
		 * How long an idle pool thread is kept before it ends.
		 */
		private Duration keepAlive = Duration.ofSeconds(60);

		public Integer getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(Integer maxSize) {
			this.maxSize = maxSize;
		}

		public Duration getKeepAlive() {
			return this.keepAlive;
		}

		public void setKeepAlive(Duration keepAlive) {
			this.keepAlive = keepAlive;
		}

	}

	/**
	 * Settings of the access log.
	 */
	public static class AccessLog {

		/**
		 * Whether to log each handshake's outcome and each closed connection at INFO on the logger
		 * 'io.fastws.access', as uvicorn logs every WebSocket handshake.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Settings of the graceful shutdown of open connections.
	 */
	public static class Shutdown {

		/**
		 * Code of the close frame every open connection gets when the application shuts down: 1012 (service
		 * restart) as uvicorn, or 1001 (going away). Handlers see it in their WebSocketDisconnect.
		 */
		private int closeCode = CloseCodes.WS_1012_SERVICE_RESTART;

		/**
		 * How long handlers have to return, their cleanup included, once their connections are closed on
		 * shutdown; handlers still running then are interrupted. Keep it within
		 * 'spring.lifecycle.timeout-per-shutdown-phase'.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		public int getCloseCode() {
			return this.closeCode;
		}

		public void setCloseCode(int closeCode) {
			if (!CloseCodes.isSendable(closeCode)) {
				throw new IllegalArgumentException("Close code " + closeCode
						+ " cannot be sent: use 1012 (service restart), 1001 (going away), or another code a close frame may carry");
			}
			this.closeCode = closeCode;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}
