package io.fastws;

/**
 * The state of one side of a WebSocket connection, as Starlette tracks it.
 *
 * <p>A {@link WebSocket} keeps two of them: the client state, advanced by what it receives, and the
 * application state, advanced by what it sends.
 */
public enum WebSocketState {

	/** The handshake is under way: nothing has been accepted or denied yet. */
	CONNECTING,

	/** The handshake completed and messages may flow. */
	CONNECTED,

	/** This side has closed, or its closing was observed. */
	DISCONNECTED,

	/** The handshake was answered with an HTTP denial response. */
	RESPONSE

}
