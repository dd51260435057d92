package io.fastws;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a handler or a dependency to end a connection with a close code and reason.
 *
 * <p>Before the handshake is accepted it rejects the connection (HTTP 403); after, the client
 * receives a close frame with exactly this code and reason.
 */
public class WebSocketException extends RuntimeException {

	private final int code;

	private final String reason;

	/**
	 * Create an exception with the given close code and no reason.
	 * @param code the close code
	 */
	public WebSocketException(int code) {
		this(code, "");
	}

	/**
	 * Create an exception with the given close code and reason.
	 * @param code the close code
	 * @param reason the close reason, {@code null} meaning empty; cut at a whole character, with "...", to fit the
	 * 123 bytes of UTF-8 a close frame holds, as {@link WebSocket#close(int, String)} cuts it, while the
	 * exception's message keeps it whole
	 */
	public WebSocketException(int code, @Nullable String reason) {
		super(code + ": " + ((reason != null) ? reason : ""));
		CloseCodes.assertSendable(code);
		this.code = code;
		this.reason = CloseCodes.truncateReason(reason);
	}

	/**
	 * Return the close code.
	 * @return the close code
	 */
	public int getCode() {
		return this.code;
	}

	/**
	 * Return the close reason.
	 * @return the close reason, empty when none was given
	 */
	public String getReason() {
		return this.reason;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "(code=" + this.code + ", reason='" + this.reason + "')";
	}

}
