package io.fastws.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.fastws.FastWsTestApplication;
import io.fastws.WebSocket;
import io.fastws.WebSocketDisconnect;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.test.HandshakeRejectedException;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests over a real port for handlers that work before they decide their handshake: meanwhile they hold
 * none of Tomcat's request threads, so plain HTTP requests are still served, and each upgrade is answered as
 * its handler decides, with the default thread settings on Java 17 (a platform pool that grows to the
 * connection limit) and on Java 21 and later (virtual threads).
 */
@SpringBootTest(classes = PendingHandshakeTests.WorkingHandlersApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "fastws.handshake-timeout=60s")
@ExtendWith(OutputCaptureExtension.class)
class PendingHandshakeTests {

	/**
	 * More upgrades than Tomcat has request threads (200 by default).
	 */
	private static final int UPGRADES = 300;

	/**
	 * How many requests Tomcat serves on one connection by default.
	 */
	private static final int MAX_KEEP_ALIVE_REQUESTS = 100;

	@LocalServerPort
	private int port;

	@Autowired
	private Gate gate;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void plainRequestsAreServedWhileHandlersWorkBeforeAccepting() throws Exception {
		List<CompletableFuture<Integer>> upgrades = new ArrayList<>();
		for (int i = 0; i < UPGRADES; i++) {
			upgrades.add(upgradeStatus("/work-then-accept"));
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> this.gate.working.get() == UPGRADES);
		for (int i = 0; i < 20; i++) {
			long start = System.nanoTime();
			HttpResponse<String> page = this.http.send(HttpRequest.newBuilder(uri("http", "/page"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(page.body()).isEqualTo("a plain page");
			assertThat(took).as("the time a plain GET took while %d handlers worked before accepting", UPGRADES)
				.isLessThan(Duration.ofSeconds(2));
		}
		this.gate.release.countDown();
		CompletableFuture.allOf(upgrades.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		assertThat(upgrades).extracting(CompletableFuture::join).hasSize(UPGRADES).containsOnly(101);
	}

	@Test
	void anAcceptAfterWorkGetsItsSubprotocolAndHeadersIntoThe101() {
		try (WebSocketTestSession session = WebSocketTestClient.forPort(this.port)
			.request("/work-then-accept-wamp")
			.subprotocols("soap", "wamp")
			.connect()) {
			assertThat(session.getAcceptedSubprotocol()).isEqualTo("wamp");
			assertThat(session.getResponseHeaders().getFirst("X-Worked")).isEqualTo("yes");
			assertThat(session.receiveText()).isEqualTo("accepted after work");
		}
	}

	@Test
	void aDenialResponseAfterWorkReachesTheClientWithItsStatusHeadersAndBody() {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> WebSocketTestClient.forPort(this.port).connect("/work-then-deny"))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(402);
				assertThat(ex.getHeaders().getFirst("X-Reason")).isEqualTo("unpaid");
				assertThat(ex.getBodyAsString()).isEqualTo("pay first");
			});
	}

	@Test
	void behindAFilterWithoutAsyncSupportTheHandshakeStillWaitsForTheHandler() {
		try (WebSocketTestSession session = WebSocketTestClient.forPort(this.port).connect("/sync/work-then-accept")) {
			assertThat(session.receiveText()).isEqualTo("accepted after work");
		}
	}

	/**
	 * Tomcat closes an upgrade completed in an asynchronous dispatch on the last request it allows on a
	 * keep-alive connection: the handler's accept fails at once, with a warning. Jetty has no such limit and
	 * upgrades it as any other.
	 */
	@Test
	void anUpgradeThatIsTheLastRequestTomcatAllowsOnItsConnectionFailsWithAWarningOnTomcatAndIsUpgradedOnJetty(
			CapturedOutput output) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			InputStream in = new BufferedInputStream(socket.getInputStream());
			for (int i = 1; i < MAX_KEEP_ALIVE_REQUESTS; i++) {
				out.write("GET /page HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				assertThat(readHead(in)).startsWith("HTTP/1.1 200");
				assertThat(in.readNBytes("a plain page".length())).asString().isEqualTo("a plain page");
			}
			out.write(("GET /work-then-accept-or-fail HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
					+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
					+ "Sec-WebSocket-Version: 13\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			if (TestedContainer.isJetty()) {
				assertThat(readHead(in)).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("Connection: close");
				// the handler accepted and returned: its close frame (FIN + close opcode) follows
				assertThat(in.read()).isEqualTo(0x88);
				assertThat(this.gate.failures).isEmpty();
				return;
			}
			assertThat(readHead(in)).startsWith("HTTP/1.1 101").containsIgnoringCase("Connection: close");
			assertThat(in.read()).isEqualTo(-1);
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.gate.failures.contains("accept failed with 1006"));
		assertThat(output).contains("instead of upgrading it").contains("server.tomcat.max-keep-alive-requests");
	}

	private static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int next = in.read();
			if (next == -1) {
				throw new IOException("The server closed the connection in the middle of a response: " + head);
			}
			head.append((char) next);
		}
		return head.toString();
	}

	private CompletableFuture<Integer> upgradeStatus(String path) {
		return this.http.newWebSocketBuilder()
			.buildAsync(uri("ws", path), new java.net.http.WebSocket.Listener() {
			})
			.handle((webSocket, failure) -> {
				if (failure == null) {
					webSocket.abort();
					return 101;
				}
				if (failure.getCause() instanceof WebSocketHandshakeException ex) {
					return ex.getResponse().statusCode();
				}
				throw new IllegalStateException("The upgrade failed", failure);
			});
	}

	private URI uri(String scheme, String path) {
		return URI.create(scheme + "://localhost:" + this.port + path);
	}

	/**
	 * The application under test: handlers that work a while before they decide, and a plain page.
	 */
	@FastWsTestApplication
	@Import({ WorkingController.class, PageController.class })
	static class WorkingHandlersApplication {

		@Bean
		Gate gate() {
			return new Gate();
		}

		@Bean
		FilterRegistrationBean<Filter> filterWithoutAsyncSupport() {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
					(request, response, chain) -> chain.doFilter(request, response));
			registration.addUrlPatterns("/sync/*");
			registration.setAsyncSupported(false);
			return registration;
		}

	}

	/**
	 * Holds the handlers of {@code /work-then-accept} in their work until the test lets them go, and records
	 * the failures handlers see.
	 */
	static class Gate {

		final AtomicInteger working = new AtomicInteger();

		final CountDownLatch release = new CountDownLatch(1);

		final List<String> failures = new CopyOnWriteArrayList<>();

	}

	@RestController
	static class PageController {

		@GetMapping("/page")
		String page() {
			return "a plain page";
		}

	}

	@WebSocketController
	static class WorkingController {

		private final Gate gate;

		WorkingController(Gate gate) {
			this.gate = gate;
		}

		@WebSocketMapping("/work-then-accept")
		void workThenAccept(WebSocket webSocket) throws InterruptedException {
			this.gate.working.incrementAndGet();
			this.gate.release.await(60, TimeUnit.SECONDS);
			webSocket.accept();
		}

		@WebSocketMapping("/work-then-accept-wamp")
		void workThenAcceptWamp(WebSocket webSocket) throws InterruptedException {
			work();
			webSocket.accept("wamp", Map.of("X-Worked", "yes"));
			webSocket.sendText("accepted after work");
		}

		@WebSocketMapping("/work-then-deny")
		void workThenDeny(WebSocket webSocket) throws InterruptedException {
			work();
			webSocket.sendDenialResponse(402, Map.of("X-Reason", "unpaid"), "pay first");
		}

		@WebSocketMapping("/work-then-accept-or-fail")
		void workThenAcceptOrFail(WebSocket webSocket) throws InterruptedException {
			// long enough that the upgrade request has surely let its thread go
			Thread.sleep(1_000);
			try {
				webSocket.accept();
			}
			catch (WebSocketDisconnect ex) {
				this.gate.failures.add("accept failed with " + ex.getCode());
			}
		}

		@WebSocketMapping("/sync/work-then-accept")
		void workThenAcceptBehindASynchronousFilter(WebSocket webSocket) throws InterruptedException {
			work();
			webSocket.accept();
			webSocket.sendText("accepted after work");
		}

		/**
		 * Work for a while, as an authentication lookup or a database call would.
		 */
		private static void work() throws InterruptedException {
			Thread.sleep(300);
		}

	}

}
