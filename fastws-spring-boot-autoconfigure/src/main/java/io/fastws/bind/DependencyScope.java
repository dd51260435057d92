package io.fastws.bind;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The {@link io.fastws.annotation.Depends @Depends} results of one connection: the per-connection cache,
 * and the results to close, in reverse order, when the connection ends.
 *
 * <p>The connection's task owns its scope: it creates it before binding the handler's arguments and
 * {@linkplain #close() closes} it once the handler has returned. Only that task's thread uses it.
 */
public final class DependencyScope implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(DependencyScope.class);

	private final String connection;

	private final Map<DependencyProvider, Object> cache = new HashMap<>();

	private final Deque<AutoCloseable> closeables = new ArrayDeque<>();

	/**
	 * Create an empty scope for one connection.
	 * @param connection the connection, as logs name it
	 */
	public DependencyScope(String connection) {
		this.connection = connection;
	}

	Object cached(DependencyProvider provider, Callable<Object> call) throws Exception {
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
	 * Close the {@link AutoCloseable} results of the connection's providers, the last created first. A
	 * failure to close one is logged at WARN and does not stop the others.
	 */
	@Override
	public void close() {
		while (!this.closeables.isEmpty()) {
			AutoCloseable closeable = this.closeables.pop();
			try {
				closeable.close();
			}
			catch (Exception ex) {
				logger.warn("Failed to close dependency " + closeable + " of " + this.connection, ex);
			}
		}
		this.cache.clear();
	}

}
