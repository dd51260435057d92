package io.fastws;

/**
 * Thrown when a received message cannot be read as asked: a frame of the other type, or malformed JSON.
 *
 * <p>As a {@link WebSocketException}, if the handler does not catch it the connection closes with its
 * code: {@link CloseCodes#WS_1003_UNSUPPORTED_DATA} for a frame of the wrong type and
 * {@link CloseCodes#WS_1007_INVALID_FRAME_PAYLOAD_DATA} for a payload that is not the JSON expected.
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
	 * Create an exception for a frame whose type is not the one expected.
	 * @param expected the expected frame type, {@code "text"} or {@code "binary"}
	 * @param actual the frame that was received
	 * @return the exception
	 */
	static InvalidMessageException unexpectedType(String expected, InboundMessage actual) {
		String received = (actual instanceof InboundMessage.ReceiveText) ? "text" : "binary";
		return new InvalidMessageException(CloseCodes.WS_1003_UNSUPPORTED_DATA,
				"Expected a " + expected + " message, but received a " + received + " message");
	}

}
