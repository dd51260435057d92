package io.fastws;

import java.io.IOException;

/**
 * The connection beneath a {@link WebSocket}: a source of {@link InboundMessage inbound messages} and a sink
 * for {@link OutboundMessage outbound ones}.
 *
 * <p>The server adapts its own session to this interface; tests use an in-memory one. A {@code WebSocket}
 * calls {@link #receive()} from one thread at a time and {@link #send(OutboundMessage)} from one thread at a
 * time, but the two may run at once.
 */
public interface WebSocketTransport {

	/**
	 * Wait for the next message from the client. The first is always {@link InboundMessage.Connect}; a
	 * closed or lost connection yields a {@link InboundMessage.Disconnect}.
	 * @return the next message
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	InboundMessage receive() throws InterruptedException;

	/**
	 * Send a message to the client, waiting until the transport has taken it.
	 * @param message the message
	 * @throws IOException if the connection is gone
	 */
	void send(OutboundMessage message) throws IOException;

	/**
	 * Return whether this transport can answer a handshake with an HTTP denial response.
	 * @return {@code true} if {@link OutboundMessage.DenialResponseStart} is supported
	 */
	default boolean supportsDenialResponse() {
		return true;
	}

}
