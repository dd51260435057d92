package io.fastws.server.observation;

/**
 * Records the messages of each route's connections for a metrics system. fastws calls a route's
 * {@link RouteRecorder} for every message, on container, handler and writer threads, so recording must be
 * cheap and must neither block nor throw.
 */
@FunctionalInterface
public interface WebSocketMessageMetrics {

	/**
	 * Metrics that record nothing.
	 */
	WebSocketMessageMetrics NONE = (route) -> RouteRecorder.NONE;

	/**
	 * Return the recorder of one route, called once per route, when its first connection opens.
	 * @param route the route's template, such as {@code /ws/{client_id}}
	 * @return the route's recorder
	 */
	RouteRecorder forRoute(String route);

	/**
	 * The kind of a data message.
	 */
	enum MessageType {

		/**
		 * A text message; its size is counted in characters.
		 */
		TEXT,

		/**
		 * A binary message; its size is counted in bytes.
		 */
		BINARY

	}

	/**
	 * Records the messages of one route's connections.
	 */
	interface RouteRecorder {

		/**
		 * A recorder that records nothing.
		 */
		RouteRecorder NONE = new RouteRecorder() {
		};

		/**
		 * Record a complete message from a client.
		 * @param type the message's type
		 * @param size its size: characters of a text message, bytes of a binary one
		 */
		default void received(MessageType type, int size) {
		}

		/**
		 * Record a message written to a client.
		 * @param type the message's type
		 * @param size its size: characters of a text message, bytes of a binary one
		 */
		default void sent(MessageType type, int size) {
		}

		/**
		 * Record that fastws stopped reading a client because its handler had
		 * {@code fastws.max-queued-messages} messages waiting (push-back).
		 */
		default void readingSuspended() {
		}

	}

}
