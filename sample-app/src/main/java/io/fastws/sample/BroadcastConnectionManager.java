package io.fastws.sample;

import io.fastws.WebSocket;
import io.fastws.broadcast.BroadcastRelay;
import io.fastws.broadcast.Broadcaster;
import io.fastws.broadcast.ConnectionGroup;
import io.fastws.broadcast.ConnectionGroups;

/**
 * The chat shared by every instance of the application: messages go through the {@link Broadcaster}, so
 * through Redis with {@code fastws.broadcast.backend=redis}, and a {@link BroadcastRelay} sends them to this
 * instance's connections.
 */
class BroadcastConnectionManager implements ConnectionManager, AutoCloseable {

	private static final String CHANNEL = "chat";

	private final Broadcaster broadcaster;

	private final ConnectionGroup group;

	private final BroadcastRelay relay;

	BroadcastConnectionManager(Broadcaster broadcaster, ConnectionGroups groups) {
		this.broadcaster = broadcaster;
		this.group = groups.group(CHANNEL);
		this.relay = broadcaster.relay(CHANNEL, this.group);
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
		this.broadcaster.publish(CHANNEL, message);
	}

	@Override
	public int size() {
		return this.group.size();
	}

	@Override
	public void close() {
		this.relay.close();
	}

}
