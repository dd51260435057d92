package io.fastws.server;

/**
 * Stops and restarts reading from one client, so that TCP pushes back on it while its handler is behind.
 */
interface FlowControl {

	/**
	 * Stop reading further messages from the client.
	 */
	void suspend();

	/**
	 * Read from the client again.
	 */
	void resume();

}
