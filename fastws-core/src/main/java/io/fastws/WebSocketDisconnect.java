package io.fastws;

import org.jspecify.annotations.Nullable;

/**
 * Thrown to a handler when the connection is gone: the client closed it, or it was lost.
 *
 * <p>Carries the close code and reason the client sent; a lost connection is reported with
 * {@link CloseCodes#WS_1006_ABNORMAL_CLOSURE} and an empty reason. A handler that lets this escape ends
 * normally: it is not logged as an error.
 */
public class WebSocketDisconnect extends RuntimeException {

	private final int code;

	private final String reason;

	/**
	 * Create a disconnect with the normal closure code and no reason.
	 */
	public WebSocketDisconnect() {
		this(CloseCodes.WS_1000_NORMAL_CLOSURE, "");
	}

	/**
	 * Create a disconnect with the given code and reason.
	 * @param code the close code
	 * @param reason the close reason, {@code null} meaning empty
	 */
	public WebSocketDisconnect(int code, @Nullable String reason) {
		super("(" + code + ", '" + ((reason != null) ? reason : "") + "')", null, false, false);
		this.code = code;
		this.reason = (reason != null) ? reason : "";
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

}
