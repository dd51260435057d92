package io.fastws.actuate;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.fastws.broadcast.DefaultBroadcaster;
import io.fastws.broadcast.InMemoryBroadcastBackend;
import io.fastws.broadcast.Subscription;
import io.fastws.server.WebSocketHandlerExecutor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WebSocketServerMetrics} with a real broadcaster and real executors.
 */
class WebSocketServerMetricsTests {

	@Test
	void aSubscriberThatFallsBehindCountsAsOneOverflow() throws Exception {
		MeterRegistry registry = new SimpleMeterRegistry();
		DefaultBroadcaster broadcaster = new DefaultBroadcaster(new InMemoryBroadcastBackend(),
				JsonMapper.builder().build(), 2);
		broadcaster.start();
		WebSocketHandlerExecutor executor = WebSocketHandlerExecutor.platformThreads(4, Duration.ofSeconds(1));
		try (Subscription reader = broadcaster.subscribe("news"); Subscription laggard = broadcaster.subscribe("news")) {
			new WebSocketServerMetrics(executor, broadcaster, new InMemoryBroadcastBackend()).bindTo(registry);
			for (int i = 0; i < 3; i++) {
				broadcaster.publish("news", "headline " + i);
				assertThat(reader.poll(Duration.ofSeconds(10))).isEqualTo("headline " + i);
			}
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(registry.get("fastws.broadcast.overflows").functionCounter().count())
					.isEqualTo(1));
			assertThat(laggard.isOverflowed()).isTrue();
			assertThat(registry.get("fastws.broadcast.backend.available").gauge().value()).isEqualTo(1);
		}
		finally {
			broadcaster.stop();
			executor.destroy();
		}
	}

	@Test
	void platformThreadsShowTheirLimitAndRunningHandlers() throws Exception {
		MeterRegistry registry = new SimpleMeterRegistry();
		WebSocketHandlerExecutor executor = WebSocketHandlerExecutor.platformThreads(4, Duration.ofSeconds(1));
		CountDownLatch release = new CountDownLatch(1);
		try {
			new WebSocketServerMetrics(executor, null, null).bindTo(registry);
			executor.execute(() -> {
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			assertThat(registry.get("fastws.handlers.active").gauge().value()).isEqualTo(1);
			assertThat(registry.get("fastws.handlers.limit").gauge().value()).isEqualTo(4);
			assertThat(registry.get("fastws.writes.queued").gauge().value()).isZero();
			assertThat(registry.find("fastws.broadcast.overflows").functionCounter()).isNull();
		}
		finally {
			release.countDown();
			executor.destroy();
		}
	}

}
