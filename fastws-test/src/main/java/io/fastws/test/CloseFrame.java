package io.fastws.test;

/**
 * How the server closed a connection seen by a {@link WebSocketTestSession}.
 *
 * @param code the close code; 1005 for a close frame without one, 1006 for a connection lost without one
 * @param reason the close reason, empty when none was given
 */
public record CloseFrame(int code, String reason) {

}
