package io.fastws;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * The connection beneath a {@link WebSocket}: a source of {@link InboundMessage inbound messages} and a sink
 * for {@link OutboundMessage outbound ones}.
 *
 * <p>The server adapts its own session to this interface; tests use an in-memory one. A {@code WebSocket}
 * calls {@link #receive()} from one thread at a time, but may call {@link #send(OutboundMessage)} and
 * {@link #sendAsync(OutboundMessage)} from several threads at once: the transport writes one message at a
 * time, never interleaving them.
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
	 * @throws IOException if the connection is gone; its cause is a {@link WebSocketDisconnect} when the
	 * transport knows the code the connection was closed with, such as the one every connection gets when the
	 * server shuts down
	 */
	void send(OutboundMessage message) throws IOException;

	/**
	 * Queue a message for the client without waiting; messages are sent in the order they are queued.
	 * @param message the message
	 * @return a future that completes once the transport has taken the message, or fails with an
	 * {@link IOException} if the connection is gone, caused by a {@link WebSocketDisconnect} when the code is
	 * known
	 */
	default CompletableFuture<Void> sendAsync(OutboundMessage message) {
		try {
			send(message);
			return CompletableFuture.completedFuture(null);
		}
		catch (IOException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Return a future that completes when the connection is closed, by either side or by loss.
	 * @return the future of the connection's end
	 */
	default CompletableFuture<Void> whenClosed() {
		return new CompletableFuture<>();
	}

	/**
	 * Return whether this transport can answer a handshake with an HTTP denial response.
	 * @return {@code true} if {@link OutboundMessage.DenialResponseStart} is supported
	 */
	default boolean supportsDenialResponse() {
		return true;
	}

}
