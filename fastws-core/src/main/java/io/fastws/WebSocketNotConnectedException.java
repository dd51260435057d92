package io.fastws;

/**
 * Thrown when a {@link WebSocket} is used after one of its sides has closed, or before it was accepted.
 *
 * <p>A programming error, as Starlette's {@code RuntimeError} with the same message; the client leaving is
 * {@link WebSocketDisconnect}, which {@code receive*()} throws instead.
 */
public class WebSocketNotConnectedException extends WebSocketStateException {

	/**
	 * Create an exception with the given message.
	 * @param message the message
	 */
	public WebSocketNotConnectedException(String message) {
		super(message);
	}

}
