package io.fastws.server;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.fastws.server.RoutingTestApplication.HandlerEvents;
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
@SpringBootTest(classes = RoutingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "fastws.max-text-message-size=1KB", "fastws.max-binary-message-size=2KB",
				"fastws.max-queued-messages=8", "fastws.allowed-origins=https://allowed.example",
				"fastws.send-time-limit=1s", "fastws.send-buffer-limit=64KB" })
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
	void clientThatStopsReadingIsClosedOnceAWriteTakesLongerThanTheSendTimeLimit() {
		assertSlowClientIsCutOff("/flood?wait=true", 1008);
	}

	@Test
	void clientThatFallsFurtherBehindThanTheSendBufferLimitIsClosed() {
		assertSlowClientIsCutOff("/flood?wait=false", 1013);
	}

	private void assertSlowClientIsCutOff(String path, int closeCode) {
		WebSocketTestSession session = this.client.withReceiveTimeout(Duration.ofSeconds(15)).connect(path);
		session.pauseReading();
		session.sendText("go");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.handlerEvents.events).contains("flood stopped"));
		session.resumeReading();
		assertThat(session.awaitClose().code()).isIn(closeCode, 1006);
		session.abort();
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

}
