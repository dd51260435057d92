package io.fastws.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sends stamped messages at a steady rate to one instance and measures how long each takes to reach a
 * client of another instance, through the broadcast backend between them.
 */
final class HopLoad {

	private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(5);

	private final Recorder recorder = new Recorder(3);

	private final AtomicLong received = new AtomicLong();

	/**
	 * The result of the measured period.
	 * @param p50 median time from send to arrival, in nanoseconds
	 * @param p99 99th percentile, in nanoseconds
	 * @param p999 99.9th percentile, in nanoseconds
	 * @param sent messages sent while measuring
	 * @param received messages of those that arrived
	 */
	record Result(long p50, long p99, long p999, long sent, long received) {

	}

	Result run(URI publisherUri, URI subscriberUri, int perSecond, Duration warmUp, Duration measured)
			throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		WebSocket subscriber = client.newWebSocketBuilder()
			.buildAsync(subscriberUri, new Arrivals())
			.get(10, TimeUnit.SECONDS);
		WebSocket publisher = client.newWebSocketBuilder()
			.buildAsync(publisherUri, new WebSocket.Listener() {
				@Override
				public void onOpen(WebSocket webSocket) {
					webSocket.request(Long.MAX_VALUE);
				}
			})
			.get(10, TimeUnit.SECONDS);
		long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
		long warmUpSent = send(publisher, interval, warmUp.toNanos());
		awaitArrivals(warmUpSent);
		this.recorder.getIntervalHistogram();
		long receivedBefore = this.received.get();
		long sent = send(publisher, interval, measured.toNanos());
		awaitArrivals(receivedBefore + sent);
		Histogram histogram = this.recorder.getIntervalHistogram();
		long arrived = this.received.get() - receivedBefore;
		publisher.abort();
		subscriber.abort();
		return new Result(histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
				histogram.getValueAtPercentile(99.9), sent, arrived);
	}

	/**
	 * Wait until the subscriber has the given number of messages, or at most a few seconds, after which the
	 * ones missing count as lost.
	 */
	private void awaitArrivals(long expected) {
		long deadline = System.nanoTime() + ARRIVAL_TIMEOUT.toNanos();
		while (this.received.get() < expected && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
	}

	/**
	 * Send one stamped message every interval, each due at a fixed time, for the given period.
	 * @return the number of messages sent
	 */
	private static long send(WebSocket publisher, long interval, long period) {
		long start = System.nanoTime();
		long count = 0;
		for (long due = start; due - start < period; due += interval) {
			while (System.nanoTime() < due) {
				Thread.onSpinWait();
			}
			publisher.sendText(String.format("%019d", System.nanoTime()), true).join();
			count++;
		}
		return count;
	}

	/**
	 * The subscriber: records each message's time from its stamp.
	 */
	private final class Arrivals implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				long sent = Long.parseLong(this.partial, 0, 19, 10);
				HopLoad.this.recorder.recordValue(Math.max(0, System.nanoTime() - sent));
				HopLoad.this.received.incrementAndGet();
				this.partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

	}

}
