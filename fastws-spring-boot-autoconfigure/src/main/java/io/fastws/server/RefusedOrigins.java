package io.fastws.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;

/**
 * The origins refused a connection so far: each is named once in a WARN that says which property lets it
 * in, so that a page served from another port is not refused without a word, while a client that keeps
 * trying does not flood the log.
 */
final class RefusedOrigins {

	private static final int MAX_REMEMBERED = 1000;

	private final Log logger;

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	RefusedOrigins(Log logger) {
		this.logger = logger;
	}

	/**
	 * Warn that the given origin was refused, unless it was already.
	 * @param origin the refused origin, as the client sent it
	 * @param route the route it asked for
	 */
	void warnOnce(String origin, WebSocketRoute route) {
		String escaped = AccessLog.escape(String.valueOf(origin));
		if (this.warned.size() < MAX_REMEMBERED && this.warned.add(escaped)) {
			this.logger.warn("Refused a connection from origin '" + escaped + "' to " + route.describe()
					+ " with 403: it is not the server's own origin; allow it with fastws.allowed-origins or "
					+ "fastws.allowed-origin-patterns (further refusals of this origin are logged at DEBUG)");
		}
		else if (this.logger.isDebugEnabled()) {
			this.logger.debug("Refused a connection from origin '" + escaped + "' to " + route.describe() + " with 403");
		}
	}

}
