package io.fastws.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

/**
 * Connects many clients to a fan-out endpoint, has one of them send a stamped message, and measures how
 * long it takes until every client has it, round after round.
 */
final class FanOutLoad {

	private volatile CountDownLatch round;

	private final AtomicLong lastArrival = new AtomicLong();

	/**
	 * The result of the rounds.
	 * @param p50 median time until every client had the message, in nanoseconds
	 * @param p99 99th percentile of that time, in nanoseconds
	 * @param rounds the number of rounds measured
	 */
	record Result(long p50, long p99, int rounds) {

	}

	Result run(URI uri, int clients, int warmUpRounds, int rounds) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		List<WebSocket> sockets = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			sockets.add(client.newWebSocketBuilder().buildAsync(uri, new Receiver()).get(10, TimeUnit.SECONDS));
		}
		WebSocket trigger = sockets.get(0);
		Histogram histogram = new Histogram(3);
		for (int r = 0; r < warmUpRounds + rounds; r++) {
			this.round = new CountDownLatch(clients);
			long sent = System.nanoTime();
			trigger.sendText("round " + r, true).join();
			if (!this.round.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Round " + r + " did not reach every client within 30 s");
			}
			if (r >= warmUpRounds) {
				histogram.recordValue(this.lastArrival.get() - sent);
			}
		}
		sockets.forEach(WebSocket::abort);
		return new Result(histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99), rounds);
	}

	private final class Receiver implements WebSocket.Listener {

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			if (last) {
				FanOutLoad.this.lastArrival.accumulateAndGet(System.nanoTime(), Math::max);
				FanOutLoad.this.round.countDown();
			}
			webSocket.request(1);
			return null;
		}

	}

}
