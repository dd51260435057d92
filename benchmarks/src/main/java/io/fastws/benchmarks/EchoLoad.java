package io.fastws.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Keeps a set number of echo messages in flight on each of many connections and records round-trip
 * latency; throughput and percentiles are taken over several windows after a warm-up, and the median
 * window by throughput is reported.
 */
final class EchoLoad {

	private final Recorder recorder = new Recorder(3);

	private final LongAdder received = new LongAdder();

	private final String padding;

	EchoLoad(int messageSize) {
		this.padding = "x".repeat(Math.max(0, messageSize - 20));
	}

	/**
	 * One measurement window.
	 * @param messagesPerSecond echoes completed per second
	 * @param p50 median round trip, in nanoseconds
	 * @param p99 99th percentile round trip, in nanoseconds
	 * @param p999 99.9th percentile round trip, in nanoseconds
	 * @param loadToolCpu the load tool's own CPU use, in cores
	 * @param serverCpuPerMessage the server process's CPU time per echoed message, in nanoseconds
	 */
	record Window(double messagesPerSecond, long p50, long p99, long p999, double loadToolCpu,
			double serverCpuPerMessage) {

	}

	Window run(URI uri, ProcessHandle server, int connections, int inFlight, Duration warmUp, Duration window,
			int windows) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		List<Echoer> echoers = new ArrayList<>();
		for (int i = 0; i < connections; i++) {
			Echoer echoer = new Echoer();
			client.newWebSocketBuilder().buildAsync(uri, echoer).get(10, TimeUnit.SECONDS);
			echoers.add(echoer);
		}
		for (Echoer echoer : echoers) {
			for (int i = 0; i < inFlight; i++) {
				echoer.sendNext();
			}
		}
		Thread.sleep(warmUp.toMillis());
		this.recorder.getIntervalHistogram();
		List<Window> measured = new ArrayList<>();
		for (int w = 0; w < windows; w++) {
			long before = this.received.sum();
			long cpuBefore = LoadTool.processCpuNanos();
			long serverCpuBefore = cpuNanos(server);
			long start = System.nanoTime();
			Thread.sleep(window.toMillis());
			long elapsed = System.nanoTime() - start;
			Histogram histogram = this.recorder.getIntervalHistogram();
			long serverCpu = cpuNanos(server) - serverCpuBefore;
			long messages = this.received.sum() - before;
			double rate = messages * 1e9 / elapsed;
			double cpu = (LoadTool.processCpuNanos() - cpuBefore) / (double) elapsed;
			measured.add(new Window(rate, histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
					histogram.getValueAtPercentile(99.9), cpu, (messages > 0) ? serverCpu / (double) messages : 0));
		}
		echoers.forEach(Echoer::abort);
		measured.sort(Comparator.comparingDouble(Window::messagesPerSecond));
		return measured.get(measured.size() / 2);
	}

	private static long cpuNanos(ProcessHandle process) {
		return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

	/**
	 * One connection: records each echo's round trip and sends the next message in its place.
	 */
	private final class Echoer implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		private volatile WebSocket webSocket;

		private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

		@Override
		public void onOpen(WebSocket webSocket) {
			this.webSocket = webSocket;
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				long sent = Long.parseLong(this.partial, 0, 19, 10);
				EchoLoad.this.recorder.recordValue(Math.max(0, System.nanoTime() - sent));
				EchoLoad.this.received.increment();
				this.partial.setLength(0);
				sendNext();
			}
			webSocket.request(1);
			return null;
		}

		synchronized void sendNext() {
			String message = String.format("%019d:", System.nanoTime()) + EchoLoad.this.padding;
			WebSocket socket = this.webSocket;
			this.lastSend = this.lastSend.thenCompose((ignored) -> socket.sendText(message, true));
		}

		void abort() {
			this.webSocket.abort();
		}

	}

}
