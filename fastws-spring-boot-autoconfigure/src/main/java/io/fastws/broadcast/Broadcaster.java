package io.fastws.broadcast;

/**
 * Publishes messages to named channels and lets handlers subscribe to them: encode/broadcaster's
 * {@code Broadcast}, in memory or across instances through Redis.
 *
 * <pre class="code">
 * try (Subscription subscription = broadcaster.subscribe("chatroom")) {
 *     for (String message : subscription) {
 *         webSocket.sendText(message);
 *     }
 * }
 * </pre>
 *
 * A message reaches the subscribers of this instance at once, whether or not the backend is reachable,
 * and those of other instances through the backend. To send a channel to a {@link ConnectionGroup} of this
 * instance, {@link #relay(String, ConnectionGroup) relay} it.
 */
public interface Broadcaster {

	/**
	 * Publish a message to every subscriber of a channel.
	 * @param channel the channel
	 * @param message the message: a {@link CharSequence} is sent as it is, anything else as JSON written by
	 * the application's {@code JsonMapper}
	 */
	void publish(String channel, Object message);

	/**
	 * Subscribe to a channel; the subscription receives what is published from now on, until it is closed.
	 * @param channel the channel
	 * @return the subscription, to close when done
	 */
	Subscription subscribe(String channel);

	/**
	 * Relay a channel to a connection group of this instance: every message published to the channel from
	 * now on, by this instance or another, is sent to the group's members, until the relay is closed or this
	 * broadcaster stops.
	 * @param channel the channel
	 * @param group the group
	 * @return the running relay, to close when done
	 * @throws IllegalStateException if the group already has a relay from that channel
	 */
	default BroadcastRelay relay(String channel, ConnectionGroup group) {
		return BroadcastRelay.start(this, channel, group);
	}

}
