package io.fastws.sample;

import io.fastws.WebSocket;
import io.fastws.broadcast.ConnectionGroup;

/**
 * The chat's connections in this instance: FastAPI's {@code ConnectionManager}, over a
 * {@link ConnectionGroup}.
 *
 * <p>Unlike the tutorial's list, the group queues a broadcast on every member without waiting for any of
 * them: a tab that stops reading cannot hold up the others, and is closed once it falls too far behind; a
 * member that is gone drops out of the group, and never fails the sender's handler.
 */
class LocalConnectionManager implements ConnectionManager {

	private final ConnectionGroup group;

	LocalConnectionManager(ConnectionGroup group) {
		this.group = group;
	}

	@Override
	public void connect(WebSocket webSocket) {
		webSocket.accept();
		this.group.add(webSocket);
	}

	@Override
	public void disconnect(WebSocket webSocket) {
		this.group.remove(webSocket);
	}

	@Override
	public void sendPersonalMessage(String message, WebSocket webSocket) {
		webSocket.sendText(message);
	}

	@Override
	public void broadcast(String message) {
		this.group.sendText(message);
	}

	@Override
	public int size() {
		return this.group.size();
	}

}
