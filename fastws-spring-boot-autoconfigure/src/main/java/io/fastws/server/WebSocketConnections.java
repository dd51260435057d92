package io.fastws.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The connections a {@link WebSocketHandlerMapping} serves, each from the start of its handler to the end of
 * the handler's cleanup, and their graceful shutdown.
 */
public final class WebSocketConnections {

	private static final Log logger = LogFactory.getLog(WebSocketConnections.class);

	private static final Duration AFTER_INTERRUPT = Duration.ofSeconds(1);

	private final Set<ServedConnection> connections = ConcurrentHashMap.newKeySet();

	private volatile int shutdownCloseCode;

	/**
	 * Return how many connections are served now, handshakes not yet decided included.
	 * @return the number of connections
	 */
	public int size() {
		return this.connections.size();
	}

	/**
	 * Return how many connections each route serves now, by the route's path template.
	 * @return the number of connections per route
	 */
	public Map<String, Long> countByRoute() {
		return this.connections.stream()
			.collect(Collectors.groupingBy((connection) -> connection.route().pattern().getPatternString(), Collectors.counting()));
	}

	/**
	 * Return whether the server is shutting down, so that new connections are refused.
	 * @return {@code true} once {@link #shutDown} has begun
	 */
	public boolean isShuttingDown() {
		return this.shutdownCloseCode != 0;
	}

	/**
	 * Accept connections again after a {@link #shutDown}, as a stopped application context starts again.
	 */
	public void resume() {
		this.shutdownCloseCode = 0;
	}

	void add(ServedConnection connection) {
		this.connections.add(connection);
		int closeCode = this.shutdownCloseCode;
		if (closeCode != 0) {
			connection.shutDown(closeCode);
		}
	}

	void remove(ServedConnection connection) {
		this.connections.remove(connection);
		connection.finished();
	}

	/**
	 * Shut every connection down and wait for their handlers: undecided handshakes get 503, open connections
	 * a close frame with the given code after the messages already queued for them, and each handler's
	 * pending and next receive or send throws a {@link io.fastws.WebSocketDisconnect} with that code.
	 * Handlers still running after the timeout are interrupted and named in one warning.
	 * @param closeCode the close code, such as 1012 (service restart) or 1001 (going away)
	 * @param timeout how long handlers have to return, their cleanup included
	 */
	public void shutDown(int closeCode, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		this.shutdownCloseCode = closeCode;
		List<CompletableFuture<Void>> closeFrames = new ArrayList<>();
		for (ServedConnection connection : List.copyOf(this.connections)) {
			closeFrames.add(connection.shutDown(closeCode));
		}
		awaitHandlers(deadline);
		List<ServedConnection> running = List.copyOf(this.connections);
		if (!running.isEmpty()) {
			logger.warn("Interrupted " + running.size() + " WebSocket handler(s) still running "
					+ timeout.toMillis() + " ms after shutdown began: "
					+ running.stream().map(ServedConnection::describe).collect(Collectors.joining(", ")));
			running.forEach(ServedConnection::interrupt);
			awaitHandlers(System.nanoTime() + AFTER_INTERRUPT.toNanos());
		}
		await(CompletableFuture.allOf(closeFrames.toArray(CompletableFuture[]::new)), deadline);
	}

	private void awaitHandlers(long deadline) {
		while (!this.connections.isEmpty() && deadline - System.nanoTime() > 0
				&& !Thread.currentThread().isInterrupted()) {
			await(CompletableFuture.allOf(this.connections.stream()
				.map(ServedConnection::whenFinished)
				.toArray(CompletableFuture[]::new)), deadline);
		}
	}

	private static void await(CompletableFuture<?> future, long deadline) {
		try {
			future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// what did not end in time is reported by the caller
		}
	}

}
