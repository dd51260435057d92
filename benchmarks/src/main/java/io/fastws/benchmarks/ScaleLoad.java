package io.fastws.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Opens many idle connections, with a bound on the handshakes under way, and holds them.
 */
final class ScaleLoad {

	private final List<WebSocket> sockets = new ArrayList<>();

	/**
	 * Open the connections.
	 * @return the handshakes completed per second, or a negative number of the connections that could
	 * not be opened
	 */
	double open(URI uri, int connections, int concurrentHandshakes) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		Semaphore permits = new Semaphore(concurrentHandshakes);
		List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < connections; i++) {
			permits.acquire();
			pending.add(client.newWebSocketBuilder()
				.buildAsync(uri, new WebSocket.Listener() {
				})
				.whenComplete((socket, failure) -> permits.release()));
		}
		int failed = 0;
		for (CompletableFuture<WebSocket> handshake : pending) {
			try {
				this.sockets.add(handshake.get(60, TimeUnit.SECONDS));
			}
			catch (Exception ex) {
				failed++;
			}
		}
		long elapsed = System.nanoTime() - start;
		return (failed > 0) ? -failed : connections * 1e9 / elapsed;
	}

	void close() {
		this.sockets.forEach(WebSocket::abort);
		this.sockets.clear();
	}

}
