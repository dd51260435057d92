package io.fastws.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens many idle connections, with a bound on the handshakes under way, and holds them, counting the pings
 * each gets and the connections the server closes.
 */
final class ScaleLoad {

	private final List<WebSocket> sockets = new ArrayList<>();

	private final List<Connection> connections = new ArrayList<>();

	/**
	 * The state of the held connections.
	 * @param open the connections neither closed nor failed
	 * @param fewestPings the fewest pings any one connection has had
	 * @param pings the pings of all connections
	 * @param closes the closes and failures, by close code, {@code error} for a failure
	 */
	record Held(int open, int fewestPings, long pings, Map<String, Integer> closes) {

	}

	/**
	 * Open the connections.
	 * @return the handshakes completed per second, or a negative number of the connections that could
	 * not be opened
	 */
	double open(URI uri, int connections, int concurrentHandshakes) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		Semaphore permits = new Semaphore(concurrentHandshakes);
		List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
		List<Connection> listeners = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < connections; i++) {
			permits.acquire();
			Connection listener = new Connection();
			listeners.add(listener);
			pending.add(client.newWebSocketBuilder()
				.buildAsync(uri, listener)
				.whenComplete((socket, failure) -> permits.release()));
		}
		int failed = 0;
		for (int i = 0; i < pending.size(); i++) {
			try {
				this.sockets.add(pending.get(i).get(60, TimeUnit.SECONDS));
				this.connections.add(listeners.get(i));
			}
			catch (Exception ex) {
				failed++;
			}
		}
		long elapsed = System.nanoTime() - start;
		return (failed > 0) ? -failed : connections * 1e9 / elapsed;
	}

	/**
	 * Return the state of the connections opened.
	 * @return how many are open, how often they have been pinged and how the others closed
	 */
	Held held() {
		int open = 0;
		int fewestPings = Integer.MAX_VALUE;
		long pings = 0;
		Map<String, Integer> closes = new TreeMap<>();
		for (Connection connection : this.connections) {
			String close = connection.close;
			if (close == null) {
				open++;
			}
			else {
				closes.merge(close, 1, Integer::sum);
			}
			int connectionPings = connection.pings.get();
			fewestPings = Math.min(fewestPings, connectionPings);
			pings += connectionPings;
		}
		return new Held(open, this.connections.isEmpty() ? 0 : fewestPings, pings, closes);
	}

	void close() {
		this.sockets.forEach(WebSocket::abort);
		this.sockets.clear();
	}

	/**
	 * Counts the pings of one connection and notes how it closed; the JDK's client answers each ping with a
	 * pong of its own accord, before it calls {@link #onPing}.
	 */
	private static final class Connection implements WebSocket.Listener {

		private final AtomicInteger pings = new AtomicInteger();

		private volatile String close;

		@Override
		public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
			this.pings.incrementAndGet();
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.close = String.valueOf(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.close = "error";
		}

	}

}
