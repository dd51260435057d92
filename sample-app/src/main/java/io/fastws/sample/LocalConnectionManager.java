package io.fastws.sample;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fastws.WebSocket;
import io.fastws.WebSocketDisconnect;

/**
 * The chat's connections in this instance, in the order they joined: FastAPI's {@code ConnectionManager}.
 *
 * <p>Unlike the tutorial's, a broadcast that meets a connection that is gone drops that connection and goes
 * on with the others: it never fails the sender's handler, which would otherwise be taken for the one
 * who left.
 */
class LocalConnectionManager implements ConnectionManager {

	private final List<WebSocket> activeConnections = new CopyOnWriteArrayList<>();

	@Override
	public void connect(WebSocket webSocket) {
		webSocket.accept();
		this.activeConnections.add(webSocket);
	}

	@Override
	public void disconnect(WebSocket webSocket) {
		this.activeConnections.remove(webSocket);
	}

	@Override
	public void sendPersonalMessage(String message, WebSocket webSocket) {
		webSocket.sendText(message);
	}

	@Override
	public void broadcast(String message) {
		for (WebSocket connection : this.activeConnections) {
			try {
				connection.sendText(message);
			}
			catch (WebSocketDisconnect | IllegalStateException ex) {
				disconnect(connection);
			}
		}
	}

	@Override
	public int size() {
		return this.activeConnections.size();
	}

}
