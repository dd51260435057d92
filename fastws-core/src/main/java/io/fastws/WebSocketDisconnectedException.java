package io.fastws;

/**
 * Thrown when a {@link WebSocket} is used after one of its sides has closed, or before it was accepted.
 */
public class WebSocketDisconnectedException extends WebSocketStateException {

	/**
	 * Create an exception with the given message.
	 * @param message the message
	 */
	public WebSocketDisconnectedException(String message) {
		super(message);
	}

}
