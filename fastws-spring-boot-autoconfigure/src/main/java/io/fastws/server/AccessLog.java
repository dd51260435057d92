package io.fastws.server;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The access log: one line per handshake outcome and one per closed connection, at INFO on the logger
 * {@code io.fastws.access}, as uvicorn logs every WebSocket handshake. Lines carry the client's address, the
 * path without its query (which may hold tokens), the status or close code, the route and the duration;
 * everything that comes from the client is escaped.
 */
final class AccessLog {

	private static final Log logger = LogFactory.getLog("io.fastws.access");

	private static final int MAX_DETAIL_LENGTH = 300;

	private volatile boolean enabled = true;

	void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	private boolean isEnabled() {
		return this.enabled && logger.isInfoEnabled();
	}

	/**
	 * Log a handshake's outcome.
	 * @param remote the client's address, or {@code null} if unknown
	 * @param uri the request URI
	 * @param status the HTTP status answered
	 * @param route the route, or {@code null} before one is known
	 * @param started when the upgrade request arrived, from {@link System#nanoTime()}
	 * @param detail why, in a few words, or {@code null} when the status says it all
	 */
	void handshake(@Nullable InetSocketAddress remote, URI uri, int status, @Nullable WebSocketRoute route,
			long started, @Nullable String detail) {
		if (!isEnabled()) {
			return;
		}
		StringBuilder line = request(remote, uri).append(' ').append(status);
		appendRoute(line, route);
		line.append(' ').append(Duration.ofNanos(System.nanoTime() - started).toMillis()).append(" ms");
		if (detail != null && !detail.isEmpty()) {
			line.append(": ").append(escape(detail));
		}
		logger.info(line);
	}

	/**
	 * Log the end of an accepted connection.
	 * @param remote the client's address, or {@code null} if unknown
	 * @param uri the request URI
	 * @param code the close code
	 * @param route the route
	 * @param opened when the connection opened, from {@link System#nanoTime()}
	 * @param received how many messages came from the client
	 * @param sent how many messages went to the client
	 */
	void closed(@Nullable InetSocketAddress remote, @Nullable URI uri, int code, WebSocketRoute route, long opened,
			long received, long sent) {
		if (!isEnabled()) {
			return;
		}
		StringBuilder line = request(remote, uri).append(" closed ").append(code);
		appendRoute(line, route);
		line.append(" after ")
			.append(Duration.ofNanos(System.nanoTime() - opened).toMillis())
			.append(" ms, ")
			.append(received)
			.append(" messages in, ")
			.append(sent)
			.append(" out");
		logger.info(line);
	}

	private static StringBuilder request(@Nullable InetSocketAddress remote, @Nullable URI uri) {
		StringBuilder line = new StringBuilder();
		if (remote != null) {
			line.append((remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString())
				.append(':')
				.append(remote.getPort());
		}
		else {
			line.append('-');
		}
		String path = (uri != null) ? uri.getRawPath() : "-";
		return line.append(" - \"WebSocket ").append(escape(String.valueOf(path))).append('"');
	}

	private static void appendRoute(StringBuilder line, @Nullable WebSocketRoute route) {
		if (route != null) {
			line.append(' ').append(route.pattern().getPatternString());
		}
	}

	/**
	 * Escape what came from the client: control characters, quotes and backslashes, and cut what is long.
	 */
	static String escape(String text) {
		StringBuilder escaped = new StringBuilder();
		text.codePoints().limit(MAX_DETAIL_LENGTH).forEach((c) -> {
			if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
				escaped.append(String.format("\\u%04x", c));
			}
			else if (c == '"' || c == '\\') {
				escaped.append('\\').append((char) c);
			}
			else {
				escaped.appendCodePoint(c);
			}
		});
		if (text.codePointCount(0, text.length()) > MAX_DETAIL_LENGTH) {
			escaped.append("...");
		}
		return escaped.toString();
	}

}
