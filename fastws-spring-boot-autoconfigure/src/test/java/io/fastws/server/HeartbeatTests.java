package io.fastws.server;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.fastws.server.IdleTimeoutTestApplication.LateReader;
import io.fastws.test.CloseFrame;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests over a real port for {@code fastws.ping-interval} and {@code fastws.ping-timeout}: a client that
 * answers pings stays connected, one that stops answering is closed with 1011, and one held back because its
 * handler is behind is not mistaken for a dead one.
 */
@SpringBootTest(classes = IdleTimeoutTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "fastws.ping-interval=500ms", "fastws.ping-timeout=1s", "fastws.max-queued-messages=8" })
class HeartbeatTests {

	private static final Duration SEVERAL_TIMEOUTS = Duration.ofSeconds(4);

	@LocalServerPort
	private int port;

	@Autowired
	private LateReader lateReader;

	@Autowired
	private MeterRegistry meterRegistry;

	private WebSocketTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebSocketTestClient.forPort(this.port).withReceiveTimeout(Duration.ofSeconds(20));
		this.lateReader.reset();
	}

	@AfterEach
	void letTheHandlerRead() {
		this.lateReader.startReading.countDown();
	}

	@Test
	void clientThatAnswersPingsStaysConnectedThroughManyPingTimeouts() {
		this.lateReader.startReading.countDown();
		try (WebSocketTestSession session = this.client.connect("/late-reader")) {
			assertThat(session.receiveText()).isEqualTo("ready");
			await("the connection staying open").during(SEVERAL_TIMEOUTS)
				.atMost(SEVERAL_TIMEOUTS.plusSeconds(10))
				.until(session::isOpen);
			session.sendText("0:");
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.lateReader.events).singleElement()
				.asString()
				.startsWith("received 1, then disconnect"));
	}

	@Test
	void clientThatStopsAnsweringPingsIsClosedWith1011AndItsHandlerSeesTheDisconnect() {
		long ended = endedAs("1011", "heartbeat");
		this.lateReader.startReading.countDown();
		try (WebSocketTestSession session = this.client.connect("/late-reader")) {
			assertThat(session.receiveText()).isEqualTo("ready");
			session.pauseReading();
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(
						() -> assertThat(this.lateReader.events).containsExactly("received 0, then disconnect 1011"));
			session.resumeReading();
			CloseFrame close = session.awaitClose();
			assertThat(close.code()).isEqualTo(1011);
			assertThat(close.reason()).isEqualTo("keepalive ping timeout");
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(endedAs("1011", "heartbeat")).isEqualTo(ended + 1));
	}

	@Test
	void clientHeldBackBecauseItsHandlerIsBehindIsNotTakenForDeadAndLosesNothing() {
		int messages = 16_000;
		String padding = "x".repeat(1000);
		try (WebSocketTestSession session = this.client.connect("/late-reader")) {
			CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
				for (int i = 0; i < messages; i++) {
					session.sendText(i + ":" + padding);
				}
			});
			// the handler does not read: fastws stops reading, so pongs go unread for as long
			await("the held-back sender neither finishing nor being closed").during(SEVERAL_TIMEOUTS)
				.atMost(SEVERAL_TIMEOUTS.plusSeconds(10))
				.until(() -> !sender.isDone() && session.isOpen());
			this.lateReader.startReading.countDown();
			assertThat(sender).succeedsWithin(Duration.ofSeconds(30));
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.lateReader.events).singleElement()
				.asString()
				.startsWith("received " + messages + ", then disconnect"));
	}

	private long endedAs(String closeCode, String outcome) {
		Timer ended = this.meterRegistry.find("fastws.connections")
			.tags("route", "/late-reader", "close.code", closeCode, "outcome", outcome)
			.timer();
		return (ended != null) ? ended.count() : 0;
	}

}
