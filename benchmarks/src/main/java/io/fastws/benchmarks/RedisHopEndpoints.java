package io.fastws.benchmarks;

import io.fastws.WebSocket;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.broadcast.BroadcastRelay;
import io.fastws.broadcast.Broadcaster;
import io.fastws.broadcast.ConnectionGroup;
import io.fastws.broadcast.ConnectionGroups;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * The endpoint of the cross-instance hop: every message a client sends is published on a broadcast channel,
 * and every message of that channel goes to this instance's clients, so that with the Redis backend a
 * message sent to one instance reaches the clients of another.
 */
@WebSocketController
@ConditionalOnProperty(name = "bench.mode", havingValue = "fastws")
class RedisHopEndpoints implements DisposableBean {

	private static final String CHANNEL = "hop";

	private final Broadcaster broadcaster;

	private final ConnectionGroup group;

	private final BroadcastRelay relay;

	RedisHopEndpoints(Broadcaster broadcaster, ConnectionGroups groups) {
		this.broadcaster = broadcaster;
		this.group = groups.group(CHANNEL);
		this.relay = broadcaster.relay(CHANNEL, this.group);
	}

	@WebSocketMapping("/hop")
	void hop(WebSocket webSocket) {
		webSocket.accept();
		this.group.add(webSocket);
		for (String text : webSocket.iterText()) {
			this.broadcaster.publish(CHANNEL, text);
		}
	}

	@Override
	public void destroy() {
		this.relay.close();
	}

}
