package io.fastws.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.fastws.server.IdleTimeoutTestApplication.LateReader;
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
 * Tests over a real port for {@code fastws.idle-timeout}: a client that sends nothing is closed with 1001,
 * one that sends a message in fragments is not idle while they come, and a client held back because its
 * handler is behind is not idle for as long as it is held back.
 */
@SpringBootTest(classes = IdleTimeoutTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "fastws.idle-timeout=2s", "fastws.max-queued-messages=8" })
class IdleTimeoutTests {

	private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration SEVERAL_IDLE_TIMEOUTS = IDLE_TIMEOUT.multipliedBy(3);

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
	void clientThatSendsNothingIsClosedWith1001AfterTheIdleTimeoutAndItsHandlerSeesTheDisconnect() {
		long ended = endedAs("1001", "idle");
		this.lateReader.startReading.countDown();
		try (WebSocketTestSession session = this.client.connect("/late-reader")) {
			assertThat(session.receiveText()).isEqualTo("ready");
			long ready = System.nanoTime();
			assertThat(session.awaitClose().code()).isEqualTo(1001);
			assertThat(Duration.ofNanos(System.nanoTime() - ready)).isGreaterThan(IDLE_TIMEOUT.dividedBy(2));
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.lateReader.events).containsExactly("received 0, then disconnect 1001"));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(endedAs("1001", "idle")).isEqualTo(ended + 1));
	}

	@Test
	void clientThatSendsOneMessageInFragmentsOverSeveralIdleTimeoutsIsNotIdle() {
		this.lateReader.startReading.countDown();
		try (WebSocketTestSession session = this.client.connect("/late-reader")) {
			assertThat(session.receiveText()).isEqualTo("ready");
			session.sendTextFragment("0:".getBytes(StandardCharsets.UTF_8), false);
			// a fragment every half idle timeout, none of them a whole message
			await("the client sending fragments not being closed").during(SEVERAL_IDLE_TIMEOUTS)
				.atMost(SEVERAL_IDLE_TIMEOUTS.plusSeconds(10))
				.pollInterval(IDLE_TIMEOUT.dividedBy(2))
				.until(() -> {
					session.sendTextFragment("x".getBytes(StandardCharsets.UTF_8), false);
					return session.isOpen();
				});
			session.sendTextFragment("x".getBytes(StandardCharsets.UTF_8), true);
			assertThat(session.awaitClose().code()).isEqualTo(1001);
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.lateReader.events).containsExactly("received 1, then disconnect 1001"));
	}

	@Test
	void clientHeldBackForSeveralIdleTimeoutsIsNotIdleAndLosesNothingOnceItsHandlerReads() {
		int messages = 16_000;
		String padding = "x".repeat(1000);
		try (WebSocketTestSession session = this.client.connect("/late-reader")) {
			CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
				for (int i = 0; i < messages; i++) {
					session.sendText(i + ":" + padding);
				}
			});
			// the handler does not read: 8 messages wait, fastws stops reading, TCP stops the sender
			await("the held-back sender neither finishing nor being closed").during(SEVERAL_IDLE_TIMEOUTS)
				.atMost(SEVERAL_IDLE_TIMEOUTS.plusSeconds(10))
				.until(() -> !sender.isDone() && session.isOpen());
			this.lateReader.startReading.countDown();
			assertThat(sender).succeedsWithin(Duration.ofSeconds(30));
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.lateReader.events).singleElement()
				.asString()
				.startsWith("received " + messages + ", then disconnect"));
	}

	@Test
	void clientThatGoesSilentWhileHeldBackIsClosedWith1001OnceItsHandlerHasReadEverything() {
		try (WebSocketTestSession session = this.client.connect("/late-reader")) {
			for (int i = 0; i < 20; i++) {
				session.sendText(i + ":");
			}
			// 8 messages wait for the handler and the other 12 behind them: fastws stops reading
			await("the held-back client not being closed").during(SEVERAL_IDLE_TIMEOUTS)
				.atMost(SEVERAL_IDLE_TIMEOUTS.plusSeconds(10))
				.until(session::isOpen);
			this.lateReader.startReading.countDown();
			assertThat(session.awaitClose().code()).isEqualTo(1001);
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.lateReader.events).containsExactly("received 20, then disconnect 1001"));
	}

	private long endedAs(String closeCode, String outcome) {
		Timer ended = this.meterRegistry.find("fastws.connections")
			.tags("route", "/late-reader", "close.code", closeCode, "outcome", outcome)
			.timer();
		return (ended != null) ? ended.count() : 0;
	}

}
