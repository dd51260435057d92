package io.fastws.sample;

import io.fastws.WebSocket;

/**
 * The chat's connections: who is in, and how a message reaches everyone.
 */
interface ConnectionManager {

	/**
	 * Accept a connection and let it join the chat.
	 * @param webSocket the connection
	 */
	void connect(WebSocket webSocket);

	/**
	 * Let a connection leave the chat.
	 * @param webSocket the connection
	 */
	void disconnect(WebSocket webSocket);

	/**
	 * Send a message to one connection.
	 * @param message the message
	 * @param webSocket the connection
	 */
	void sendPersonalMessage(String message, WebSocket webSocket);

	/**
	 * Send a message to everyone in the chat.
	 * @param message the message
	 */
	void broadcast(String message);

	/**
	 * Return how many connections of this instance are in the chat.
	 * @return the number of local connections
	 */
	int size();

}
