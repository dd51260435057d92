package io.fastws;

/**
 * How JSON travels in a WebSocket message: as a text frame, or as UTF-8 in a binary frame.
 */
public enum JsonMode {

	/** JSON in a text frame, the default. */
	TEXT,

	/** JSON encoded as UTF-8 in a binary frame. */
	BINARY

}
