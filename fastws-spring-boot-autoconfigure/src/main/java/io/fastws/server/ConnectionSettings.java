package io.fastws.server;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The limits every WebSocket connection is held to.
 *
 * @param handshakeTimeout how long a handler has to accept or reject its connection
 * @param maxTextMessageSize the largest text message, in bytes of UTF-8, before the connection closes with 1009
 * @param maxBinaryMessageSize the largest binary message, in bytes, before the connection closes with 1009
 * @param idleTimeout how long a connection may stay silent before it is closed, or {@code null} for ever
 * @param maxQueuedMessages how many received messages may wait for the handler before reading from the
 * client is suspended
 * @param compression whether permessage-deflate is negotiated when a client asks for it
 * @param sendTimeLimit how long one message may take to reach a client before it is closed with 1008
 * @param sendBufferLimit how many bytes may wait to be sent to a client before it is closed with 1013
 * @param pingInterval how often each client is pinged, or {@link Duration#ZERO} for never
 * @param pingTimeout how long a client has to answer a ping before it is closed with 1011, or
 * {@link Duration#ZERO} for ever
 */
public record ConnectionSettings(Duration handshakeTimeout, int maxTextMessageSize, int maxBinaryMessageSize,
		@Nullable Duration idleTimeout, int maxQueuedMessages, boolean compression, Duration sendTimeLimit,
		long sendBufferLimit, Duration pingInterval, Duration pingTimeout) {

	/**
	 * Return the defaults: a 10 second handshake, 1 MiB messages, no idle timeout, 64 queued
	 * messages, no compression, 10 seconds or 1 MiB of pending output per client, and a ping every 20
	 * seconds that must be answered within 20 seconds, as uvicorn.
	 * @return the default settings
	 */
	public static ConnectionSettings defaults() {
		return new ConnectionSettings(Duration.ofSeconds(10), 1024 * 1024, 1024 * 1024, null, 64, false,
				Duration.ofSeconds(10), 1024 * 1024, Duration.ofSeconds(20), Duration.ofSeconds(20));
	}

}
