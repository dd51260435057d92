package io.fastws.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.fastws.WebSocketDisconnect;
import io.fastws.server.RoutingTestApplication.HandlerEvents;
import io.fastws.server.RoutingTestApplication.OutcomesController;
import io.fastws.test.CloseFrame;
import io.fastws.test.HandshakeRejectedException;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests over a real port for the limits set in {@code fastws.*}: message sizes, allowed origins, the bound
 * on messages queued for a handler that does not read, and the send limits for a client that does not read.
 * The idle timeout has tests of its own, {@link IdleTimeoutTests}.
 */
@SpringBootTest(classes = RoutingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "fastws.max-text-message-size=1KB", "fastws.max-binary-message-size=2KB",
				"fastws.max-queued-messages=8", "fastws.allowed-origins=https://allowed.example",
				"fastws.send-time-limit=3s", "fastws.send-buffer-limit=64KB" })
class WebSocketLimitsTests {

	@LocalServerPort
	private int port;

	@Autowired
	private HandlerEvents handlerEvents;

	@Autowired
	private MeterRegistry meterRegistry;

	private WebSocketTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebSocketTestClient.forPort(this.port);
		this.handlerEvents.reset();
	}

	@Test
	void textMessageOverTheLimitClosesTheConnectionWith1009() {
		try (WebSocketTestSession session = this.client.connect("/echo")) {
			session.sendText("x".repeat(1024));
			assertThat(session.receiveText()).hasSize("Message text was: ".length() + 1024);
			session.sendText("x".repeat(1025));
			assertThat(session.awaitClose().code()).isEqualTo(1009);
		}
	}

	@Test
	void textMessageInFragmentsClosesWith1009OnceItsFragmentsCrossTheLimit() {
		try (WebSocketTestSession session = this.client.connect("/echo")) {
			session.sendTextFragment("x".repeat(1000).getBytes(StandardCharsets.UTF_8), false);
			session.sendTextFragment("x".repeat(25).getBytes(StandardCharsets.UTF_8), false);
			assertThat(session.awaitClose()).isEqualTo(new CloseFrame(1009, "Text message over the limit of 1024 bytes"));
		}
	}

	@Test
	void binaryMessageOverTheLimitClosesTheConnectionWith1009() {
		try (WebSocketTestSession session = this.client.connect("/hold")) {
			assertThat(session.receiveText()).isEqualTo("held");
			session.sendBytes(new byte[2049]);
			assertThat(session.awaitClose().code()).isEqualTo(1009);
		}
	}

	@Test
	void connectionFromAnotherOriginIsAnHttp403() {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> this.client.request("/echo").header("Origin", "https://evil.example").connect())
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(403));
	}

	@Test
	void connectionFromAnAllowedOriginOrTheSameOriginIsAccepted() {
		try (WebSocketTestSession session = this.client.request("/hold").header("Origin", "https://allowed.example").connect()) {
			assertThat(session.receiveText()).isEqualTo("held");
		}
		try (WebSocketTestSession session = this.client.request("/hold")
			.header("Origin", "http://localhost:" + this.port)
			.connect()) {
			assertThat(session.receiveText()).isEqualTo("held");
		}
	}

	@Test
	void clientThatStopsReadingGetsTheCloseFrame1008AfterTheMessageOnItsWayOnceAWriteTakesLongerThanTheSendTimeLimit() {
		assertSlowClientGetsTheCloseFrameLast("/send-and-wait", 1008, "Send time limit exceeded");
		assertHandlersSenderStops();
	}

	@Test
	void clientThatReadsNothingAfterTheServerGaveUpIsDroppedAndTheHandlerWaitingForItsMessageGets1008() {
		try (WebSocketTestSession session = this.client.withReceiveTimeout(Duration.ofSeconds(15))
			.connect("/send-and-wait")) {
			session.pauseReading();
			session.sendText("go");
			await("the server giving up on the client").atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> this.handlerEvents.events.contains("gave up: 1008 Send time limit exceeded"));
			await("the connection dropped, one more send time limit on").atMost(Duration.ofSeconds(10))
				.until(() -> this.handlerEvents.events.contains("closed"));
			assertHandlersSenderStops();
			session.resumeReading();
			int received = 0;
			try {
				while (true) {
					assertThat(session.receiveText()).isEqualTo(OutcomesController.SLOW_CLIENT_MESSAGE);
					received++;
				}
			}
			catch (WebSocketDisconnect ex) {
				assertThat(ex.getCode()).isEqualTo(1006);
			}
			assertThat(received).isPositive();
		}
	}

	@Test
	void clientThatFallsFurtherBehindThanTheSendBufferLimitGetsTheCloseFrame1013AfterTheMessageOnItsWay() {
		assertSlowClientGetsTheCloseFrameLast("/send-without-waiting", 1013, "Send buffer limit exceeded");
	}

	/**
	 * The handler's send that waited for the client fails with the code, or returns once its message is
	 * written (the handler's thread may have been writing a message the other sender queued) and the next
	 * send is refused; either way the handler's sender stops.
	 */
	private void assertHandlersSenderStops() {
		await("the handler's sender stopping").atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.handlerEvents.events).containsAnyOf("send refused",
					"send failed: 1008 Send time limit exceeded"));
	}

	/**
	 * Let the server send to a client that reads nothing until its handler learns that the server has given up
	 * on the client, with a write stuck behind full buffers, and a while longer, during which the connection
	 * stays open; then read everything: every message that got through is whole, and the close frame comes
	 * last, with the code and reason the handler saw.
	 */
	private void assertSlowClientGetsTheCloseFrameLast(String path, int closeCode, String reason) {
		long slowClients = slowClients(path, closeCode);
		try (WebSocketTestSession session = this.client.withReceiveTimeout(Duration.ofSeconds(15)).connect(path)) {
			session.pauseReading();
			session.sendText("go");
			await("the server giving up on the client").atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> this.handlerEvents.events.stream().anyMatch((event) -> event.startsWith("gave up")));
			assertThat(this.handlerEvents.events).contains("gave up: " + closeCode + " " + reason);
			await("the close frame waiting behind the message on its way").during(Duration.ofMillis(300))
				.atMost(Duration.ofSeconds(2))
				.until(() -> !this.handlerEvents.events.contains("closed"));
			session.resumeReading();
			int received = 0;
			try {
				while (true) {
					assertThat(session.receiveText()).isEqualTo(OutcomesController.SLOW_CLIENT_MESSAGE);
					received++;
				}
			}
			catch (WebSocketDisconnect ex) {
				assertThat(ex.getCode()).isEqualTo(closeCode);
				assertThat(ex.getReason()).isEqualTo(reason);
			}
			assertThat(received).isPositive();
		}
		await("the connection timed as a slow client").atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(slowClients(path, closeCode)).isEqualTo(slowClients + 1));
	}

	private long slowClients(String route, int closeCode) {
		Timer ended = this.meterRegistry.find("fastws.connections")
			.tags("route", route, "close.code", String.valueOf(closeCode), "outcome", "slow_client")
			.timer();
		return (ended != null) ? ended.count() : 0;
	}

	@Test
	void handlerThatDoesNotReadPushesBackOnTheClientAndLosesNothing() {
		assertPushBack(false);
	}

	@Test
	void handlerThatDoesNotReadPushesBackOnAClientThatSendsInFragmentsAndEachMessageCountsOnce() {
		assertPushBack(true);
	}

	private void assertPushBack(boolean fragmented) {
		int messages = 16_000;
		String padding = "x".repeat(1000);
		WebSocketTestSession session = this.client.connect("/slow-reader");
		CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
			for (int i = 0; i < messages; i++) {
				if (fragmented) {
					session.sendFragmented(i + ":" + padding, 400);
				}
				else {
					session.sendText(i + ":" + padding);
				}
			}
		});
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !sender.isDone());
		this.handlerEvents.release.countDown();
		await().atMost(Duration.ofSeconds(30)).until(sender::isDone);
		session.close();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.handlerEvents.events).containsExactly("received " + messages));
	}

}
