package io.fastws.server;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fastws.WebSocket;
import io.fastws.WebSocketDisconnect;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.server.RoutingTestApplication.HandlerEvents;
import io.fastws.test.CloseFrame;
import io.fastws.test.HandshakeRejectedException;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
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
@SpringBootTest(classes = { RoutingTestApplication.class, WebSocketLimitsTests.SlowClientController.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "fastws.max-text-message-size=1KB", "fastws.max-binary-message-size=2KB",
				"fastws.max-queued-messages=8", "fastws.allowed-origins=https://allowed.example",
				"fastws.send-time-limit=4s", "fastws.send-buffer-limit=64KB" })
class WebSocketLimitsTests {

	@LocalServerPort
	private int port;

	@Autowired
	private HandlerEvents handlerEvents;

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
	void clientThatStopsReadingIsClosedWith1008OnceAWriteTakesLongerThanTheSendTimeLimit() {
		assertThat(closeSeenBySlowClient("/send-and-wait").code()).isEqualTo(1008);
	}

	@Test
	void clientThatFallsFurtherBehindThanTheSendBufferLimitIsClosedWith1013() {
		assertThat(closeSeenBySlowClient("/send-without-waiting").code()).isEqualTo(1013);
	}

	/**
	 * Let the server send to a client that reads nothing until the server gives up on it, check that a
	 * while later the close frame still waits behind the message on its way rather than the connection
	 * being dropped, then read everything that got through: the close frame comes last.
	 */
	private CloseFrame closeSeenBySlowClient(String path) {
		try (WebSocketTestSession session = this.client.withReceiveTimeout(Duration.ofSeconds(15)).connect(path)) {
			session.pauseReading();
			session.sendText("go");
			await("the handler giving up on the client").atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> this.handlerEvents.events.contains("gave up"));
			await("the close frame waiting for the client to read again")
				.during(Duration.ofMillis(300))
				.atMost(Duration.ofSeconds(5))
				.until(() -> !this.handlerEvents.events.contains("closed"));
			session.resumeReading();
			return session.awaitClose();
		}
	}

	@Test
	void handlerThatDoesNotReadPushesBackOnTheClientAndLosesNothing() {
		int messages = 16_000;
		String padding = "x".repeat(1000);
		WebSocketTestSession session = this.client.connect("/slow-reader");
		CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
			for (int i = 0; i < messages; i++) {
				session.sendText(i + ":" + padding);
			}
		});
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !sender.isDone());
		this.handlerEvents.release.countDown();
		await().atMost(Duration.ofSeconds(30)).until(sender::isDone);
		session.close();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.handlerEvents.events).containsExactly("received " + messages));
	}

	/**
	 * Sends to a client that has stopped reading until the server gives up on it: waiting on each message,
	 * or without waiting, as a broadcaster does, once a message is stuck on its way because the client's
	 * buffers are full.
	 */
	@WebSocketController
	static class SlowClientController {

		private static final String MESSAGE = "x".repeat(1000);

		/**
		 * Half the send time limit: a message not written by then is stuck behind full buffers, not slowed
		 * by a busy machine, and still on its way when the send buffer limit is passed.
		 */
		private static final Duration STUCK = Duration.ofSeconds(2);

		private final HandlerEvents handlerEvents;

		SlowClientController(HandlerEvents handlerEvents) {
			this.handlerEvents = handlerEvents;
		}

		@WebSocketMapping("/send-and-wait")
		void sendAndWait(WebSocket webSocket) {
			start(webSocket);
			try {
				while (true) {
					webSocket.sendText(MESSAGE);
				}
			}
			catch (WebSocketDisconnect ex) {
				this.handlerEvents.events.add("gave up");
			}
		}

		@WebSocketMapping("/send-without-waiting")
		void sendWithoutWaiting(WebSocket webSocket) {
			start(webSocket);
			CompletableFuture<Void> sent = webSocket.sendTextAsync(MESSAGE);
			while (isWrittenWithin(sent, STUCK)) {
				sent = webSocket.sendTextAsync(MESSAGE);
			}
			while (!webSocket.sendTextAsync(MESSAGE).isCompletedExceptionally()) {
				// queue until the server gives up on the client
			}
			this.handlerEvents.events.add("gave up");
		}

		private void start(WebSocket webSocket) {
			webSocket.accept();
			webSocket.whenClosed().thenRun(() -> this.handlerEvents.events.add("closed"));
			webSocket.receiveText();
		}

		private static boolean isWrittenWithin(CompletableFuture<Void> sent, Duration time) {
			try {
				sent.get(time.toMillis(), TimeUnit.MILLISECONDS);
				return true;
			}
			catch (TimeoutException | ExecutionException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

	}

}
