package io.fastws.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * Sends many upgrade requests whose handlers work a while before they accept and, while they work, plain
 * GETs of a page at a steady rate: how long the page takes, counted from when each GET was due, shows
 * whether the handlers' work holds up the server's other HTTP traffic.
 *
 * <p>The first and last second of the window also hold the server's work on the upgrades themselves: all
 * arrive at once, and all are accepted at once. The GETs due in between, while every handler works, are
 * also reported on their own.
 */
final class PendingHandshakeLoad {

	/**
	 * The result of one run.
	 * @param p50 median time of a plain GET, in nanoseconds
	 * @param p99 99th percentile time of a plain GET, in nanoseconds
	 * @param max longest time of a plain GET, in nanoseconds
	 * @param p99Working 99th percentile time of the plain GETs due after the first and before the last
	 * second, in nanoseconds
	 * @param requests the number of plain GETs
	 * @param upgraded the upgrades answered with 101
	 * @param upgrades the upgrades sent
	 */
	record Result(long p50, long p99, long max, long p99Working, int requests, int upgraded, int upgrades) {

	}

	Result run(URI webSocketUri, URI pageUri, int upgrades, Duration window, Duration interval) throws Exception {
		HttpClient webSocketClient = HttpClient.newHttpClient();
		HttpClient pageClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		List<CompletableFuture<Integer>> handshakes = new ArrayList<>();
		for (int i = 0; i < upgrades; i++) {
			handshakes.add(webSocketClient.newWebSocketBuilder()
				.buildAsync(webSocketUri, new WebSocket.Listener() {
				})
				.handle(PendingHandshakeLoad::status));
		}
		HttpRequest page = HttpRequest.newBuilder(pageUri).timeout(Duration.ofSeconds(60)).build();
		List<CompletableFuture<Long>> requests = new ArrayList<>();
		List<Boolean> whileWorking = new ArrayList<>();
		long second = TimeUnit.SECONDS.toNanos(1);
		long start = System.nanoTime();
		for (long due = start; due - start < window.toNanos(); due += interval.toNanos()) {
			LockSupport.parkNanos(due - System.nanoTime());
			long dueAt = due;
			requests.add(pageClient.sendAsync(page, HttpResponse.BodyHandlers.discarding())
				.thenApply((response) -> System.nanoTime() - dueAt));
			whileWorking.add(due - start >= second && due - start < window.toNanos() - second);
		}
		Histogram histogram = new Histogram(3);
		Histogram working = new Histogram(3);
		for (int i = 0; i < requests.size(); i++) {
			long time = requests.get(i).get(60, TimeUnit.SECONDS);
			histogram.recordValue(time);
			if (whileWorking.get(i)) {
				working.recordValue(time);
			}
		}
		int upgraded = 0;
		for (CompletableFuture<Integer> handshake : handshakes) {
			upgraded += (handshake.get(60, TimeUnit.SECONDS) == 101) ? 1 : 0;
		}
		return new Result(histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
				histogram.getMaxValue(), working.getValueAtPercentile(99), requests.size(), upgraded, upgrades);
	}

	private static int status(WebSocket webSocket, Throwable failure) {
		if (failure == null) {
			webSocket.abort();
			return 101;
		}
		return (failure.getCause() instanceof WebSocketHandshakeException ex) ? ex.getResponse().statusCode() : -1;
	}

}
