package io.fastws.server;

import io.fastws.CloseCodes;

/**
 * Why a connection ended, as the {@code outcome} of the {@code fastws.connections} observation.
 */
enum ConnectionOutcome {

	/** The handler or the client closed with 1000. */
	NORMAL("normal"),

	/** The client closed with another code (1001 when a browser tab closes), or vanished (1006). */
	CLIENT_GONE("client_gone"),

	/** The handler closed with a code other than 1000 and 1011, such as a {@code WebSocketException}'s. */
	CLOSED("closed"),

	/** The handler failed: 1011. */
	ERROR("error"),

	/** The client fell behind the send buffer limit (1013) or the send time limit (1008). */
	SLOW_CLIENT("slow_client"),

	/** The client stopped answering pings: 1011. */
	HEARTBEAT("heartbeat"),

	/** The client sent nothing within the idle timeout: 1001. */
	IDLE("idle"),

	/** The client sent a message over the size limit: 1009. */
	TOO_BIG("too_big"),

	/** The client sent data the server cannot read, such as malformed UTF-8: 1007. */
	INVALID_DATA("invalid_data"),

	/** The server shut down. */
	SHUTDOWN("shutdown");

	private final String tag;

	ConnectionOutcome(String tag) {
		this.tag = tag;
	}

	String tag() {
		return this.tag;
	}

	/**
	 * Return the outcome of a close the handler asked for.
	 * @param code the handler's close code
	 * @return the outcome
	 */
	static ConnectionOutcome closedByHandler(int code) {
		return switch (code) {
			case CloseCodes.WS_1000_NORMAL_CLOSURE -> NORMAL;
			case CloseCodes.WS_1011_INTERNAL_ERROR -> ERROR;
			default -> CLOSED;
		};
	}

	/**
	 * Return the outcome of a close fastws did not ask for, from its code.
	 * @param code the close code the connection ended with
	 * @return the outcome
	 */
	static ConnectionOutcome closedWith(int code) {
		return switch (code) {
			case CloseCodes.WS_1000_NORMAL_CLOSURE -> NORMAL;
			case CloseCodes.WS_1009_MESSAGE_TOO_BIG -> TOO_BIG;
			case CloseCodes.WS_1007_INVALID_FRAME_PAYLOAD_DATA -> INVALID_DATA;
			default -> CLIENT_GONE;
		};
	}

}
