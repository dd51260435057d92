package io.fastws.server;

import java.time.Duration;

/**
 * The limits every WebSocket connection is held to.
 *
 * @param handshakeTimeout how long a handler has to accept or reject its connection
 * @param maxTextMessageSize the largest text message, in bytes, before the connection closes with 1009
 * @param maxBinaryMessageSize the largest binary message, in bytes, before the connection closes with 1009
 * @param idleTimeout how long a connection may stay silent before it is closed, or {@code null} for ever
 * @param maxQueuedMessages how many received messages may wait for the handler before reading from the
 * client is suspended
 * @param compression whether permessage-deflate is negotiated when a client asks for it
 */
public record ConnectionSettings(Duration handshakeTimeout, int maxTextMessageSize, int maxBinaryMessageSize,
		Duration idleTimeout, int maxQueuedMessages, boolean compression) {

	/**
	 * Return the defaults: a 10 second handshake, 8 KiB messages (Tomcat's own), no idle timeout, 64 queued messages and
	 * no compression.
	 * @return the default settings
	 */
	public static ConnectionSettings defaults() {
		return new ConnectionSettings(Duration.ofSeconds(10), 8 * 1024, 8 * 1024, null, 64, false);
	}

}
