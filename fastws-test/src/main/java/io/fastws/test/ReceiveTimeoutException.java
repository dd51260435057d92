package io.fastws.test;

/**
 * Thrown by a {@link WebSocketTestSession} when no message arrives within the receive timeout.
 */
public class ReceiveTimeoutException extends RuntimeException {

	ReceiveTimeoutException(String message) {
		super(message);
	}

}
