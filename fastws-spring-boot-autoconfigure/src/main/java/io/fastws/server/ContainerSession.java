package io.fastws.server;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One open connection as its servlet container holds it: writes frames in the calling thread, and stops and
 * restarts reading from the client.
 */
interface ContainerSession extends FlowControl {

	/**
	 * Write a text message, blocking until the container has taken it.
	 * @param text the text
	 * @throws IOException if the client is gone, or the container's own send timeout passed
	 * ({@link java.net.SocketTimeoutException} somewhere in the cause chain)
	 */
	void sendText(String text) throws IOException;

	/**
	 * Write a binary message, blocking until the container has taken it.
	 * @param payload the payload
	 * @throws IOException if the client is gone, or the container's own send timeout passed
	 */
	void sendBinary(ByteBuffer payload) throws IOException;

	/**
	 * Send a ping, blocking until the container has taken it.
	 * @throws IOException if the client is gone, or the container's own send timeout passed
	 */
	void sendPing() throws IOException;

	/**
	 * Send a close frame with the given code and reason, after the rest of the message being written, if any,
	 * and close the connection; if it cannot be written in time, drop the connection and release the writes
	 * still blocked.
	 * @param code the close code
	 * @param reason the reason, at most 123 bytes of UTF-8
	 * @throws IOException if the close frame cannot be written
	 */
	void close(int code, String reason) throws IOException;

}
