package io.fastws;

/**
 * Thrown when a received message cannot be read as asked: a frame of the other type, or malformed JSON.
 *
 * <p>As a {@link WebSocketException}, if the handler does not catch it the connection closes with its
 * code: {@link CloseCodes#WS_1003_UNSUPPORTED_DATA} for a frame of the wrong type and
 * {@link CloseCodes#WS_1007_INVALID_FRAME_PAYLOAD_DATA} for a payload that is not the JSON expected.
 * {@code WebSocketTestClient} throws the same exceptions, with the same texts, for what the server sends.
 */
public class InvalidMessageException extends WebSocketException {

	/**
	 * Create an exception with the given close code and reason.
	 * @param code the close code the connection ends with if the handler does not catch this
	 * @param reason what was wrong with the message
	 */
	public InvalidMessageException(int code, String reason) {
		super(code, CloseCodes.truncateReason(reason));
	}

	/**
	 * Create the exception for a message whose frame type is not the one expected, with code
	 * {@link CloseCodes#WS_1003_UNSUPPORTED_DATA} and a reason such as
	 * {@code "Expected a text message, but received a binary message"}.
	 * @param expected the expected frame type, {@code "text"} or {@code "binary"}
	 * @param received the frame type that was received, {@code "text"} or {@code "binary"}
	 * @return the exception
	 */
	public static InvalidMessageException unexpectedType(String expected, String received) {
		return new InvalidMessageException(CloseCodes.WS_1003_UNSUPPORTED_DATA,
				"Expected a " + expected + " message, but received a " + received + " message");
	}

	/**
	 * Create the exception for a payload that is not JSON of the given type, with code
	 * {@link CloseCodes#WS_1007_INVALID_FRAME_PAYLOAD_DATA} and the reason
	 * {@code "Invalid JSON for <simple type name>: <detail>"}.
	 * @param type the type the JSON was to be read as
	 * @param detail what the JSON reader reported
	 * @return the exception
	 */
	public static InvalidMessageException invalidJson(Class<?> type, String detail) {
		return new InvalidMessageException(CloseCodes.WS_1007_INVALID_FRAME_PAYLOAD_DATA,
				"Invalid JSON for " + type.getSimpleName() + ": " + detail);
	}

	static InvalidMessageException unexpectedType(String expected, InboundMessage actual) {
		return unexpectedType(expected, (actual instanceof InboundMessage.ReceiveText) ? "text" : "binary");
	}

}
