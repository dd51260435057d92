package io.fastws.benchmarks;

import java.util.Arrays;

import io.fastws.actuate.MicrometerWebSocketMessageMetrics;
import io.fastws.server.observation.WebSocketMessageMetrics.MessageType;
import io.fastws.server.observation.WebSocketMessageMetrics.RouteRecorder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Times what the meters add to one echoed message, in process: recording it as received and as sent on a
 * route's recorder backed by a Prometheus registry, millions of times after a warm-up.
 */
final class RecordingCost {

	private static final int MESSAGES = 5_000_000;

	private static final int ROUNDS = 7;

	private RecordingCost() {
	}

	/**
	 * Measure the cost of recording one echoed message.
	 * @return the median over several rounds, in nanoseconds
	 */
	static double nanosPerEchoedMessage() {
		RouteRecorder recorder = new MicrometerWebSocketMessageMetrics(
				new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
			.forRoute("/echo");
		double[] rounds = new double[ROUNDS];
		for (int round = 0; round < ROUNDS; round++) {
			long start = System.nanoTime();
			for (int i = 0; i < MESSAGES; i++) {
				recorder.received(MessageType.TEXT, 32);
				recorder.sent(MessageType.TEXT, 32);
			}
			rounds[round] = (System.nanoTime() - start) / (double) MESSAGES;
		}
		Arrays.sort(rounds);
		return rounds[ROUNDS / 2];
	}

}
