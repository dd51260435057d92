package io.fastws;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * WebSocket close codes (RFC 6455, section 7.4.1) under Starlette's names, usable wherever an {@code int}
 * code is.
 */
public final class CloseCodes {

	/** Normal closure: the purpose of the connection was fulfilled. */
	public static final int WS_1000_NORMAL_CLOSURE = 1000;

	/** An endpoint is going away, such as a browser tab that was closed. */
	public static final int WS_1001_GOING_AWAY = 1001;

	/** An endpoint is closing because of a protocol error. */
	public static final int WS_1002_PROTOCOL_ERROR = 1002;

	/** An endpoint received a type of data it cannot accept. */
	public static final int WS_1003_UNSUPPORTED_DATA = 1003;

	/** No status code was present in the close frame; never sent on the wire. */
	public static final int WS_1005_NO_STATUS_RCVD = 1005;

	/** The connection was lost without a close frame; never sent on the wire. */
	public static final int WS_1006_ABNORMAL_CLOSURE = 1006;

	/** A message's data was not consistent with its type, such as malformed JSON. */
	public static final int WS_1007_INVALID_FRAME_PAYLOAD_DATA = 1007;

	/** A message violated the endpoint's policy. */
	public static final int WS_1008_POLICY_VIOLATION = 1008;

	/** A message was too big to process. */
	public static final int WS_1009_MESSAGE_TOO_BIG = 1009;

	/** The client expected an extension the server did not negotiate. */
	public static final int WS_1010_MANDATORY_EXT = 1010;

	/** The server met an unexpected condition. */
	public static final int WS_1011_INTERNAL_ERROR = 1011;

	/** The server is restarting. */
	public static final int WS_1012_SERVICE_RESTART = 1012;

	/** The server is overloaded: try again later. */
	public static final int WS_1013_TRY_AGAIN_LATER = 1013;

	/** A gateway received an invalid response from upstream. */
	public static final int WS_1014_BAD_GATEWAY = 1014;

	/** The TLS handshake failed; never sent on the wire. */
	public static final int WS_1015_TLS_HANDSHAKE = 1015;

	/** The longest close reason a close frame can carry, in UTF-8 bytes. */
	public static final int MAX_REASON_BYTES = 123;

	private CloseCodes() {
	}

	/**
	 * Return whether the given code may be sent in a close frame: 1000 to 1003, 1007 to 1014, and 3000 to
	 * 4999.
	 * @param code the close code
	 * @return whether an endpoint may send it
	 */
	public static boolean isSendable(int code) {
		return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
	}

	static void assertSendable(int code) {
		if (!isSendable(code)) {
			throw new IllegalArgumentException("Close code " + code
					+ " cannot be sent: use 1000-1003, 1007-1014 or 3000-4999 (1005, 1006 and 1015 are reserved"
					+ " for reporting, codes below 1000 are invalid)");
		}
	}

	/**
	 * Shorten a reason so that it fits in a close frame, cutting at a character boundary.
	 * @param reason the reason, possibly {@code null}
	 * @return the reason, at most {@link #MAX_REASON_BYTES} bytes in UTF-8
	 */
	public static String truncateReason(@Nullable String reason) {
		if (reason == null) {
			return "";
		}
		if (reason.length() * 3 <= MAX_REASON_BYTES
				|| reason.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
			return reason;
		}
		StringBuilder shortened = new StringBuilder();
		int bytes = 0;
		for (int i = 0; i < reason.length();) {
			int codePoint = reason.codePointAt(i);
			int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
			if (bytes + size > MAX_REASON_BYTES - 3) {
				break;
			}
			shortened.appendCodePoint(codePoint);
			bytes += size;
			i += Character.charCount(codePoint);
		}
		return shortened.append("...").toString();
	}

}
