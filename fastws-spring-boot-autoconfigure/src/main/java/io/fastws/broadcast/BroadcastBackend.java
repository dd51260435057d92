package io.fastws.broadcast;

import java.util.function.BiConsumer;

/**
 * Carries messages between the instances of an application for a {@link Broadcaster}; the local
 * subscribers of the publishing instance are served by the broadcaster itself.
 */
public interface BroadcastBackend {

	/**
	 * Start delivering messages published by other instances to the given listener.
	 * @param listener receives the channel and the message
	 */
	void start(BiConsumer<String, String> listener);

	/**
	 * Stop delivering messages and release the backend's connections.
	 */
	void stop();

	/**
	 * Start receiving a channel, because this instance has its first subscriber to it.
	 * @param channel the channel
	 */
	void subscribe(String channel);

	/**
	 * Stop receiving a channel, because this instance has no subscriber to it any more.
	 * @param channel the channel
	 */
	void unsubscribe(String channel);

	/**
	 * Send a message to the other instances, without waiting for it to be delivered.
	 * @param channel the channel
	 * @param message the message
	 */
	void publish(String channel, String message);

	/**
	 * Return whether the backend can deliver messages now, as far as it knows.
	 * @return {@code true} unless the backend knows it is cut off, such as from its Redis server
	 */
	default boolean isAvailable() {
		return true;
	}

}
