package io.fastws.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.fastws.FastWsTestApplication;
import io.fastws.WebSocket;
import io.fastws.WebSocketDisconnect;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests over a real port for the futures of {@link WebSocket#sendTextAsync(String)} and
 * {@link WebSocket#sendBytesAsync(byte[])}: they complete once the message is written, and fail with
 * {@link WebSocketDisconnect} when the client is gone.
 */
@SpringBootTest(classes = AsyncSendFutureTests.AsyncSendApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "fastws.send-time-limit=60s", "fastws.send-buffer-limit=128MB" })
class AsyncSendFutureTests {

	/**
	 * Far larger than the socket buffers between the server and a client that does not read: the client's
	 * receive buffer is fixed at 64 KB, and the server's send buffer grows to at most {@code tcp_wmem}'s
	 * maximum, 4 MB by default on Linux.
	 */
	static final int LARGER_THAN_SOCKET_BUFFERS = 64 * 1024 * 1024;

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@LocalServerPort
	private int port;

	@Autowired
	private Sends sends;

	private WebSocketTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebSocketTestClient.forPort(this.port).withReceiveTimeout(TIMEOUT);
		this.sends.futures.clear();
		this.sends.events.clear();
	}

	@Test
	void anAsyncSendCompletesOnceTheMessageIsWrittenAndNotBefore() throws Exception {
		try (RawUpgradeRequest request = RawUpgradeRequest.send(this.port, "/send-large",
				List.of("Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
						"Sec-WebSocket-Version: 13"),
				64 * 1024)) {
			assertThat(request.status()).isEqualTo(101);
			await().atMost(TIMEOUT).until(() -> this.sends.futures.containsKey("large"));
			CompletableFuture<Void> primer = this.sends.futures.get("primer");
			CompletableFuture<Void> large = this.sends.futures.get("large");
			assertThat(primer).succeedsWithin(TIMEOUT);
			// the client reads nothing yet, so the large message cannot all be written
			await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !large.isDone());
			assertThat(request.readMessage().text()).isEqualTo("primer");
			RawUpgradeRequest.Frame message = request.readMessage();
			assertThat(message.opcode()).isEqualTo(2);
			assertThat(message.payload()).hasSize(LARGER_THAN_SOCKET_BUFFERS);
			assertThat(large).succeedsWithin(TIMEOUT);
			assertThat(request.readMessage().text()).isEqualTo("both futures completed normally");
			request.sendNormalClose();
		}
	}

	@Test
	void anAsyncTextSendToAClientThatClosedFailsWithWebSocketDisconnect1006() {
		try (WebSocketTestSession session = this.client.connect("/send-after-disconnect?kind=text")) {
			assertThat(session.receiveText()).isEqualTo("ready");
		}
		assertFailedWithWebSocketDisconnect1006("text");
	}

	@Test
	void anAsyncBinarySendToAClientThatVanishedFailsWithWebSocketDisconnect1006() {
		WebSocketTestSession session = this.client.connect("/send-after-disconnect?kind=bytes");
		assertThat(session.receiveText()).isEqualTo("ready");
		session.abort();
		assertFailedWithWebSocketDisconnect1006("bytes");
	}

	private void assertFailedWithWebSocketDisconnect1006(String kind) {
		await().atMost(TIMEOUT).until(() -> this.sends.futures.containsKey(kind));
		assertThat(this.sends.futures.get(kind)).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(WebSocketDisconnect.class)
			.satisfies((ex) -> assertThat(((WebSocketDisconnect) ex.getCause()).getCode()).isEqualTo(1006));
		// once a send has failed, the connection is closed for sending: a later send is refused at once
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(this.sends.events).containsExactly("later send threw "
					+ "WebSocketNotConnectedException: Cannot call \"send\" once a close message has been sent."));
	}

	/**
	 * The application under test: routes that send without waiting.
	 */
	@FastWsTestApplication
	static class AsyncSendApplication {

		@Bean
		Sends sends() {
			return new Sends();
		}

		@Bean
		AsyncSendController asyncSendController(Sends sends) {
			return new AsyncSendController(sends);
		}

	}

	/**
	 * The futures of the handlers' sends by name, and what the handlers saw.
	 */
	static class Sends {

		final Map<String, CompletableFuture<Void>> futures = new ConcurrentHashMap<>();

		final List<String> events = new CopyOnWriteArrayList<>();

	}

	/**
	 * Sends without waiting, and hands the futures to the test.
	 */
	@WebSocketController
	static class AsyncSendController {

		private final Sends sends;

		AsyncSendController(Sends sends) {
			this.sends = sends;
		}

		@WebSocketMapping("/send-large")
		void sendLarge(WebSocket webSocket) throws Exception {
			webSocket.accept();
			CompletableFuture<Void> primer = webSocket.sendTextAsync("primer");
			this.sends.futures.put("primer", primer);
			CompletableFuture<Void> large = webSocket.sendBytesAsync(new byte[LARGER_THAN_SOCKET_BUFFERS]);
			this.sends.futures.put("large", large);
			CompletableFuture.allOf(primer, large).get(60, TimeUnit.SECONDS);
			webSocket.sendText("both futures completed normally");
			webSocket.receiveText();
		}

		@WebSocketMapping("/send-after-disconnect")
		void sendAfterDisconnect(WebSocket webSocket) {
			webSocket.accept();
			webSocket.sendText("ready");
			try {
				webSocket.receiveText();
			}
			catch (WebSocketDisconnect ex) {
				String kind = webSocket.queryParams().getFirst("kind");
				CompletableFuture<Void> sent = "bytes".equals(kind) ? webSocket.sendBytesAsync(new byte[] { 1, 2, 3 })
						: webSocket.sendTextAsync("too late");
				this.sends.futures.put(kind, sent);
				try {
					sent.get(60, TimeUnit.SECONDS);
				}
				catch (Exception failure) {
					// what the test asserts on
				}
				try {
					webSocket.sendTextAsync("later");
					this.sends.events.add("later send returned a future");
				}
				catch (RuntimeException later) {
					this.sends.events
						.add("later send threw " + later.getClass().getSimpleName() + ": " + later.getMessage());
				}
			}
		}

	}

}
