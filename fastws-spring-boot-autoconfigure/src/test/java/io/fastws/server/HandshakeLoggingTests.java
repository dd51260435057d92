package io.fastws.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fastws.FastWsTestApplication;
import io.fastws.WebSocket;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.test.HandshakeRejectedException;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for what the server logs when it refuses or gives up on a handshake: one line that says why, no
 * stack traces for a client's mistake, and no flood of lines when many are refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		classes = HandshakeLoggingTests.LoggingApplication.class,
		properties = { "fastws.handshake-timeout=1s", "fastws.threads=platform", "fastws.thread-pool.max-size=1" })
@ExtendWith(OutputCaptureExtension.class)
class HandshakeLoggingTests {

	@LocalServerPort
	int port;

	@Autowired
	Events events;

	private WebSocketTestClient client;

	@BeforeEach
	void createClient() {
		this.client = WebSocketTestClient.forPort(this.port).withReceiveTimeout(Duration.ofSeconds(10));
		this.events.list.clear();
	}

	@Test
	void aHandshakeThatTimesOutIsOneWarningAndNoError(CapturedOutput output) {
		assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> this.client.connect("/undecided"))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(503));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.events.list.contains("undecided: interrupted"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> count(output.getOut(), "WARN .*LoggingController#undecided.*did not accept or reject") == 1);
		assertThat(count(output.getAll(), "ERROR .*LoggingController#undecided")).isZero();
	}

	@Test
	void aMalformedOriginIsRefusedWith403AndNoStackTrace(CapturedOutput output) {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> this.client.request("/accepting").header("Origin", "http://exa mple.com").connect())
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(403));
		try (WebSocketTestSession session = this.client.connect("/accepting")) {
			assertThat(session.receiveText()).isEqualTo("welcome");
		}
		assertThat(output.getAll()).doesNotContain("\tat org.springframework").doesNotContain("ERROR");
	}

	@Test
	void refusalsWhileEveryHandlerThreadIsBusyAreOneWarning(CapturedOutput output) throws Exception {
		try (WebSocketTestSession holder = this.client.connect("/holding")) {
			assertThat(holder.receiveText()).isEqualTo("holding");
			for (int i = 0; i < 5; i++) {
				assertThatExceptionOfType(HandshakeRejectedException.class)
					.isThrownBy(() -> this.client.connect("/accepting"))
					.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(503));
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> count(output.getOut(), "all WebSocket handler threads are busy") >= 1);
			assertThat(count(output.getOut(), "all WebSocket handler threads are busy")).isOne();
			this.events.release.countDown();
		}
	}

	private static int count(String output, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(output);
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

	@FastWsTestApplication
	static class LoggingApplication {

		@Bean
		Events events() {
			return new Events();
		}

		@Bean
		LoggingController loggingController(Events events) {
			return new LoggingController(events);
		}

	}

	static class Events {

		final List<String> list = new CopyOnWriteArrayList<>();

		final CountDownLatch release = new CountDownLatch(1);

	}

	@WebSocketController
	static class LoggingController {

		private final Events events;

		LoggingController(Events events) {
			this.events = events;
		}

		@WebSocketMapping("/undecided")
		void undecided(WebSocket webSocket) throws InterruptedException {
			try {
				new CountDownLatch(1).await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				this.events.list.add("undecided: interrupted");
				throw ex;
			}
		}

		@WebSocketMapping("/accepting")
		void accepting(WebSocket webSocket) {
			webSocket.accept();
			webSocket.sendText("welcome");
		}

		@WebSocketMapping("/holding")
		void holding(WebSocket webSocket) throws InterruptedException {
			webSocket.accept();
			webSocket.sendText("holding");
			this.events.release.await(30, TimeUnit.SECONDS);
		}

	}

}
