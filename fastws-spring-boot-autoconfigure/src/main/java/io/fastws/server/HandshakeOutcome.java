package io.fastws.server;

/**
 * How a handshake ended, as the {@code outcome} of the {@code fastws.handshakes} observation.
 */
enum HandshakeOutcome {

	/** The handler accepted: 101. */
	ACCEPTED("accepted"),

	/** The handler closed, or threw a {@code WebSocketException}, before accepting: 403. */
	REJECTED("rejected"),

	/** The handler sent a denial response, threw an HTTP error, or was denied access by Spring Security. */
	DENIED("denied"),

	/** An argument of the handler could not be bound: 403 with the errors. */
	BINDING_ERROR("binding_error"),

	/** The request's origin is not allowed: 403. */
	ORIGIN("origin"),

	/** Every handler thread was busy: 503. */
	BUSY("busy"),

	/** The handler decided nothing within the handshake timeout: 503. */
	TIMEOUT("timeout"),

	/** The upgrade request itself was malformed: 400, or 426 for a WebSocket version the server lacks. */
	INVALID("invalid"),

	/** The server was shutting down: 503. */
	SHUTDOWN("shutdown"),

	/** The handler failed or returned without deciding: 500. */
	ERROR("error");

	private final String tag;

	HandshakeOutcome(String tag) {
		this.tag = tag;
	}

	String tag() {
		return this.tag;
	}

}
