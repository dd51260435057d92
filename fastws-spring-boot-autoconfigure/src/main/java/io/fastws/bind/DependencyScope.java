package io.fastws.bind;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.fastws.WebSocket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The {@link io.fastws.annotation.Depends @Depends} results of one connection: the per-connection cache,
 * and the results to close, in reverse order, when the connection ends.
 */
public final class DependencyScope {

	private static final String ATTRIBUTE = DependencyScope.class.getName();

	private static final Log logger = LogFactory.getLog(DependencyScope.class);

	private final Map<Object, Object> cache = new HashMap<>();

	private final Deque<AutoCloseable> closeables = new ArrayDeque<>();

	private DependencyScope() {
	}

	static DependencyScope of(WebSocket webSocket) {
		return (DependencyScope) webSocket.attributes().computeIfAbsent(ATTRIBUTE, (key) -> new DependencyScope());
	}

	Object cached(Object provider, Callable<Object> call) throws Exception {
		if (this.cache.containsKey(provider)) {
			return this.cache.get(provider);
		}
		Object result = call.call();
		this.cache.put(provider, result);
		return result;
	}

	void closeWhenDone(Object result) {
		if (result instanceof AutoCloseable closeable) {
			this.closeables.push(closeable);
		}
	}

	/**
	 * Close the {@link AutoCloseable} results of the given connection's providers, the last created first.
	 * A failure to close one is logged and does not stop the others.
	 * @param webSocket the connection, once its handler has returned
	 */
	public static void close(WebSocket webSocket) {
		DependencyScope scope = (DependencyScope) webSocket.attributes().remove(ATTRIBUTE);
		if (scope == null) {
			return;
		}
		while (!scope.closeables.isEmpty()) {
			AutoCloseable closeable = scope.closeables.pop();
			try {
				closeable.close();
			}
			catch (Exception ex) {
				logger.warn("Failed to close dependency " + closeable + " of " + webSocket, ex);
			}
		}
	}

}
