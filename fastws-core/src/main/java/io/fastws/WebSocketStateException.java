package io.fastws;

/**
 * Thrown when a {@link WebSocket} is used out of order, such as sending before accepting.
 *
 * <p>The messages are Starlette's, word for word.
 */
public class WebSocketStateException extends IllegalStateException {

	/**
	 * Create an exception with the given message.
	 * @param message the message
	 */
	public WebSocketStateException(String message) {
		super(message);
	}

}
