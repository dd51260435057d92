package io.fastws.broadcast;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;

import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisSocketConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.StringUtils;

/**
 * Makes the {@link RedisBroadcastBackend}'s own {@link RedisClient}: it reaches the Redis of the application's
 * {@link LettuceConnectionFactory} (address, database, credentials, TLS, client name, client resources and
 * options), but does not reconnect by itself, rejects commands while disconnected, and gives up on a connection
 * or a command after the backend's timeout. The application's own client is left as it is.
 */
final class RedisBroadcastClientFactory {

	private RedisBroadcastClientFactory() {
	}

	/**
	 * Make a client for the Redis of the given connection factory.
	 * @param connectionFactory the application's connection factory
	 * @param timeout how long connecting and each command may take
	 * @return a client that its caller shuts down
	 * @throws IllegalStateException if the connection factory is not for a standalone Redis
	 */
	static RedisClient create(LettuceConnectionFactory connectionFactory, Duration timeout) {
		if (connectionFactory.isClusterAware() || connectionFactory.isRedisSentinelAware()) {
			throw new IllegalStateException("fastws.broadcast.backend=redis needs a standalone Redis, "
					+ "not a cluster or sentinel set-up");
		}
		LettuceClientConfiguration configuration = connectionFactory.getClientConfiguration();
		RedisURI uri = uri(connectionFactory, configuration, timeout);
		RedisClient client = configuration.getClientResources()
			.map((resources) -> RedisClient.create(resources, uri))
			.orElseGet(() -> RedisClient.create(uri));
		client.setOptions(options(configuration.getClientOptions().orElseGet(ClientOptions::create), timeout));
		return client;
	}

	private static RedisURI uri(LettuceConnectionFactory connectionFactory, LettuceClientConfiguration configuration,
			Duration timeout) {
		RedisSocketConfiguration socket = connectionFactory.getSocketConfiguration();
		RedisConfiguration redis = (socket != null) ? socket : connectionFactory.getStandaloneConfiguration();
		RedisURI.Builder builder;
		if (socket != null) {
			builder = RedisURI.Builder.socket(socket.getSocket());
		}
		else {
			RedisStandaloneConfiguration standalone = connectionFactory.getStandaloneConfiguration();
			builder = RedisURI.Builder.redis(standalone.getHostName(), standalone.getPort())
				.withSsl(configuration.isUseSsl())
				.withVerifyPeer(configuration.getVerifyMode())
				.withStartTls(configuration.isStartTls());
		}
		builder.withDatabase(connectionFactory.getDatabase()).withTimeout(timeout);
		configuration.getClientName().ifPresent(builder::withClientName);
		String username = RedisConfiguration.getUsernameOrElse(redis, () -> null);
		RedisPassword password = RedisConfiguration.getPasswordOrElse(redis, RedisPassword::none);
		if (StringUtils.hasText(username)) {
			builder.withAuthentication(username, new String(password.toOptional().orElse(new char[0])));
		}
		else {
			password.toOptional().ifPresent(builder::withPassword);
		}
		configuration.getRedisCredentialsProviderFactory().ifPresent((factory) -> {
			RedisCredentialsProvider credentials = factory.createCredentialsProvider(redis);
			if (credentials != null) {
				builder.withAuthentication(credentials);
			}
		});
		return builder.build();
	}

	private static ClientOptions options(ClientOptions options, Duration timeout) {
		SocketOptions socketOptions = options.getSocketOptions();
		Duration connectTimeout = (socketOptions.getConnectTimeout().compareTo(timeout) < 0)
				? socketOptions.getConnectTimeout() : timeout;
		return options.mutate()
			.autoReconnect(false)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(socketOptions.mutate().connectTimeout(connectTimeout).build())
			.timeoutOptions(TimeoutOptions.enabled(timeout))
			.build();
	}

}
