package io.fastws.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.fastws.CloseCodes;
import io.fastws.test.CloseFrame;
import io.fastws.test.HandshakeRejectedException;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests over a real port, with real clients, of the meters an operator sees: open connections, how each
 * connection and handshake ended, messages and their sizes, push-back and the handler threads.
 */
@SpringBootTest(classes = ObservabilityTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.health.redis.enabled=false", "fastws.max-queued-messages=2",
				"fastws.max-text-message-size=1KB",
				"management.endpoints.web.exposure.include=metrics" })
class WebSocketMetricsTests {

	private static final String METERED = "/metered/{id}";

	private static final Duration WAIT = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meterRegistry;

	@Test
	void openConnectionsAreCountedUnderTheirRouteTemplate() throws Exception {
		List<WebSocketTestSession> sessions = new ArrayList<>();
		try {
			for (String id : List.of("a", "b", "c")) {
				WebSocketTestSession session = client().connect("/metered/" + id);
				session.sendText("ping");
				assertThat(session.receiveText()).isEqualTo("ping");
				sessions.add(session);
			}
			assertThat(activeConnections()).isEqualTo(3);
			String metric = get("/actuator/metrics/fastws.connections.active?tag=route:/metered/%7Bid%7D");
			assertThat(metric).contains("\"statistic\":\"ACTIVE_TASKS\",\"value\":3.0");
		}
		finally {
			sessions.forEach(WebSocketTestSession::close);
		}
		await().atMost(WAIT).untilAsserted(() -> assertThat(activeConnections()).isZero());
	}

	@Test
	void messagesAreCountedByDirectionAndTypeWithTheirSizes() {
		double textIn = messages("received", "text");
		double binaryIn = messages("received", "binary");
		double textOut = messages("sent", "text");
		double textCharactersIn = sizes("received", "text").totalAmount();
		double binaryBytesOut = sizes("sent", "binary").totalAmount();
		try (WebSocketTestSession session = client().connect("/metered/sizes")) {
			session.sendText("hello");
			session.sendText("hi");
			session.sendBytes(new byte[10]);
			assertThat(session.receiveText()).isEqualTo("hello");
			assertThat(session.receiveText()).isEqualTo("hi");
			assertThat(session.receiveBytes()).hasSize(10);
		}
		// a message sent is counted once its write completes, which the client may see first
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(messages("received", "text")).isEqualTo(textIn + 2);
			assertThat(messages("received", "binary")).isEqualTo(binaryIn + 1);
			assertThat(messages("sent", "text")).isEqualTo(textOut + 2);
			assertThat(sizes("received", "text").totalAmount()).isEqualTo(textCharactersIn + 7);
			assertThat(sizes("sent", "binary").totalAmount()).isEqualTo(binaryBytesOut + 10);
		});
	}

	@Test
	void eachEndedConnectionIsTimedWithItsCloseCodeAndOutcome() {
		long normal = connections("1000", "normal");
		long error = connections("1011", "error");
		long closed = connections("1008", "closed");
		long gone = connections("1006", "client_gone");
		long tooBig = connections("1009", "too_big");
		try (WebSocketTestSession session = client().connect("/metered/normal")) {
			session.close(CloseCodes.WS_1000_NORMAL_CLOSURE, "");
		}
		assertThat(closeAfter("fail").code()).isEqualTo(CloseCodes.WS_1011_INTERNAL_ERROR);
		assertThat(closeAfter("policy").code()).isEqualTo(CloseCodes.WS_1008_POLICY_VIOLATION);
		assertThat(closeAfter("x".repeat(2000)).code()).isEqualTo(CloseCodes.WS_1009_MESSAGE_TOO_BIG);
		try (WebSocketTestSession session = client().connect("/metered/gone")) {
			session.sendText("ping");
			assertThat(session.receiveText()).isEqualTo("ping");
			session.abort();
		}
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(connections("1000", "normal")).isEqualTo(normal + 1);
			assertThat(connections("1011", "error")).isEqualTo(error + 1);
			assertThat(connections("1008", "closed")).isEqualTo(closed + 1);
			assertThat(connections("1006", "client_gone")).isEqualTo(gone + 1);
			assertThat(connections("1009", "too_big")).isEqualTo(tooBig + 1);
		});
	}

	@Test
	void eachHandshakeIsTimedWithItsOutcomeAndStatus() {
		long accepted = handshakes("accepted", "101");
		long bindingError = handshakes("binding_error", "403");
		long rejected = handshakes("rejected", "403");
		long denied = handshakes("denied", "401");
		long error = handshakes("error", "500");
		long origin = handshakes("origin", "403");
		try (WebSocketTestSession session = client().connect("/guarded?decision=ok")) {
			assertThat(session.awaitClose().code()).isEqualTo(CloseCodes.WS_1000_NORMAL_CLOSURE);
		}
		assertThat(refusedStatus(client().request("/guarded"))).isEqualTo(403);
		assertThat(refusedStatus(client().request("/guarded").queryParam("decision", "close"))).isEqualTo(403);
		assertThat(refusedStatus(client().request("/guarded").queryParam("decision", "deny"))).isEqualTo(401);
		assertThat(refusedStatus(client().request("/guarded").queryParam("decision", "fail"))).isEqualTo(500);
		assertThat(refusedStatus(client().request("/guarded")
			.queryParam("decision", "ok")
			.header("Origin", "http://elsewhere.example"))).isEqualTo(403);
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(handshakes("accepted", "101")).isEqualTo(accepted + 1);
			assertThat(handshakes("binding_error", "403")).isEqualTo(bindingError + 1);
			assertThat(handshakes("rejected", "403")).isEqualTo(rejected + 1);
			assertThat(handshakes("denied", "401")).isEqualTo(denied + 1);
			assertThat(handshakes("error", "500")).isEqualTo(error + 1);
			assertThat(handshakes("origin", "403")).isEqualTo(origin + 1);
		});
	}

	@Test
	void pushBackOnAClientWhoseHandlerIsBehindIsCounted() {
		double pushbacks = this.meterRegistry.counter("fastws.pushbacks", "route", "/held").count();
		ObservabilityTestApplication.release = new CountDownLatch(1);
		try (WebSocketTestSession session = client().connect("/held")) {
			for (int i = 0; i < 20; i++) {
				session.sendText("message " + i);
			}
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(this.meterRegistry.counter("fastws.pushbacks", "route", "/held").count())
					.isGreaterThan(pushbacks));
			ObservabilityTestApplication.release.countDown();
			for (int i = 0; i < 20; i++) {
				assertThat(session.receiveText()).isEqualTo("message " + i);
			}
		}
	}

	@Test
	void runningHandlersAreGauged() {
		try (WebSocketTestSession session = client().connect("/metered/gauged")) {
			session.sendText("ping");
			assertThat(session.receiveText()).isEqualTo("ping");
			assertThat(this.meterRegistry.get("fastws.handlers.active").gauge().value()).isGreaterThanOrEqualTo(1);
		}
	}

	@Test
	void theHandlerRunsInTheUpgradeRequestsLoggingContextAndObservationThenInTheConnectionsOnceItAccepts() {
		try (WebSocketTestSession session = client().request("/context").header("X-Request-Id", "req-42").connect()) {
			assertThat(session.receiveText()).isEqualTo("req-42 http.server.requests then fastws.connections");
		}
	}

	private WebSocketTestClient client() {
		return WebSocketTestClient.forPort(this.port).withReceiveTimeout(WAIT);
	}

	private CloseFrame closeAfter(String text) {
		try (WebSocketTestSession session = client().connect("/metered/closing")) {
			session.sendText(text);
			return session.awaitClose();
		}
	}

	private static int refusedStatus(WebSocketTestClient.ConnectRequest request) {
		return assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(request::connect)
			.actual()
			.getStatus();
	}

	private int activeConnections() {
		LongTaskTimer active = this.meterRegistry.find("fastws.connections.active").tag("route", METERED).longTaskTimer();
		return (active != null) ? active.activeTasks() : 0;
	}

	private long connections(String closeCode, String outcome) {
		Timer timer = this.meterRegistry.find("fastws.connections")
			.tags("route", METERED, "close.code", closeCode, "outcome", outcome)
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

	private long handshakes(String outcome, String status) {
		Timer timer = this.meterRegistry.find("fastws.handshakes")
			.tags("route", "/guarded", "outcome", outcome, "status", status)
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

	private double messages(String direction, String type) {
		return this.meterRegistry.counter("fastws.messages." + direction, "route", METERED, "type", type).count();
	}

	private DistributionSummary sizes(String direction, String type) {
		return this.meterRegistry.summary("fastws.message.size", "route", METERED, "type", type, "direction",
				direction);
	}

	private String get(String path) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.timeout(WAIT)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

}
