package io.fastws.server;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One open connection as its servlet container holds it: writes frames for the calling thread, and stops and
 * restarts reading from the client.
 */
interface ContainerSession extends FlowControl {

	/**
	 * Write a text message, blocking until it is written to the connection or the send time limit has passed.
	 * A message still on its way at the limit is left to finish, so that a close sent next follows it whole.
	 * @param text the text
	 * @throws IOException if the client is gone, or the send time limit passed
	 * ({@link java.net.SocketTimeoutException} somewhere in the cause chain)
	 */
	void sendText(String text) throws IOException;

	/**
	 * Write a binary message, blocking until it is written to the connection or the send time limit has
	 * passed.
	 * @param payload the payload
	 * @throws IOException if the client is gone, or the send time limit passed
	 */
	void sendBinary(ByteBuffer payload) throws IOException;

	/**
	 * Send a close frame with the given code and reason, after any message still on its way, and close the
	 * connection; a client that takes neither within the send time limit is dropped.
	 * @param code the close code
	 * @param reason the reason, at most 123 bytes of UTF-8
	 * @throws IOException if the close frame cannot be written
	 */
	void close(int code, String reason) throws IOException;

	/**
	 * Note that the connection has closed, so that a write still waiting fails now, and any later one at
	 * once, rather than at the send time limit: the container may never finish a write queued behind a close.
	 */
	void connectionClosed();

}
