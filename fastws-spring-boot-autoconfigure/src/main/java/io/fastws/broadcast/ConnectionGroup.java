package io.fastws.broadcast;

import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.fastws.WebSocket;
import io.fastws.WebSocketState;
import tools.jackson.databind.json.JsonMapper;

/**
 * A set of connections that receive the same messages, a "room".
 *
 * <p>Sending to the group queues the message on every member without waiting for any of them, so a slow
 * or dead member never delays the others. A member is removed as soon as its connection ends, including
 * when it is closed for exceeding {@code fastws.send-time-limit} (1008) or
 * {@code fastws.send-buffer-limit} (1013). To send it what a channel carries, from every instance, use
 * {@link Broadcaster#relay(String, ConnectionGroup)}.
 */
public class ConnectionGroup {

	private final String name;

	private final JsonMapper jsonMapper;

	private final Set<WebSocket> members = ConcurrentHashMap.newKeySet();

	private final Set<String> relayedChannels = ConcurrentHashMap.newKeySet();

	/**
	 * Create an empty group.
	 * @param name the group's name
	 * @param jsonMapper the mapper for {@link #sendJson(Object)}
	 */
	public ConnectionGroup(String name, JsonMapper jsonMapper) {
		this.name = name;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Return the group's name.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Add an accepted connection; it leaves the group by itself when it ends.
	 * @param webSocket the connection
	 * @return whether it was not a member already
	 * @throws IllegalStateException if the connection is not accepted, or is closed
	 */
	public boolean add(WebSocket webSocket) {
		if (webSocket.applicationState() != WebSocketState.CONNECTED) {
			throw new IllegalStateException("Only an accepted, open connection can join group '" + this.name
					+ "', but " + webSocket + " is not");
		}
		boolean added = this.members.add(webSocket);
		if (added) {
			webSocket.whenClosed().whenComplete((result, failure) -> this.members.remove(webSocket));
		}
		return added;
	}

	/**
	 * Remove a connection.
	 * @param webSocket the connection
	 * @return whether it was a member
	 */
	public boolean remove(WebSocket webSocket) {
		return this.members.remove(webSocket);
	}

	/**
	 * Queue a text message on every member.
	 * @param text the text
	 */
	public void sendText(String text) {
		for (WebSocket member : this.members) {
			try {
				member.sendTextAsync(text).whenComplete((result, failure) -> {
					if (failure != null) {
						this.members.remove(member);
					}
				});
			}
			catch (IllegalStateException ex) {
				this.members.remove(member);
			}
		}
	}

	/**
	 * Queue a value, written once as compact JSON, on every member as a text message.
	 * @param value the value
	 */
	public void sendJson(Object value) {
		sendText(this.jsonMapper.writeValueAsString(value));
	}

	/**
	 * Return how many connections are in the group.
	 * @return the number of members
	 */
	public int size() {
		return this.members.size();
	}

	/**
	 * Return the members.
	 * @return a read-only view of the members
	 */
	public Set<WebSocket> getMembers() {
		return Collections.unmodifiableSet(this.members);
	}

	boolean claimRelay(String channel) {
		return this.relayedChannels.add(channel);
	}

	void releaseRelay(String channel) {
		this.relayedChannels.remove(channel);
	}

}
