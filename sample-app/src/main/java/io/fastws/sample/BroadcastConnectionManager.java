package io.fastws.sample;

import io.fastws.WebSocket;
import io.fastws.broadcast.Broadcaster;
import io.fastws.broadcast.ConnectionGroup;
import io.fastws.broadcast.ConnectionGroups;
import io.fastws.broadcast.Subscription;
import io.fastws.broadcast.SubscriptionOverflowException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The chat shared by every instance of the application: messages go through the {@link Broadcaster}, so
 * through Redis with {@code fastws.broadcast.backend=redis}, and each instance relays them to its own
 * connections.
 */
class BroadcastConnectionManager implements ConnectionManager, SmartLifecycle {

	private static final String CHANNEL = "chat";

	private static final Log logger = LogFactory.getLog(BroadcastConnectionManager.class);

	private final Broadcaster broadcaster;

	private final ConnectionGroup group;

	private volatile Subscription subscription;

	private volatile boolean running;

	BroadcastConnectionManager(Broadcaster broadcaster, ConnectionGroups groups) {
		this.broadcaster = broadcaster;
		this.group = groups.group(CHANNEL);
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
	public void start() {
		this.running = true;
		Thread relay = new Thread(this::relay, "chat-relay");
		relay.setDaemon(true);
		this.subscription = this.broadcaster.subscribe(CHANNEL);
		relay.start();
	}

	private void relay() {
		while (this.running) {
			try {
				for (String message : this.subscription) {
					this.group.sendText(message);
				}
				return;
			}
			catch (SubscriptionOverflowException ex) {
				logger.warn("The chat relay fell behind; some messages were not relayed", ex);
				this.subscription = this.broadcaster.subscribe(CHANNEL);
			}
		}
	}

	@Override
	public void stop() {
		this.running = false;
		Subscription current = this.subscription;
		if (current != null) {
			current.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
