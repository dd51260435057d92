package io.fastws.server;

import java.time.Duration;

import io.fastws.WebSocketDisconnect;
import io.fastws.server.RoutingTestApplication.HandlerEvents;
import io.fastws.test.CloseFrame;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests over a real port for how an accepted connection ends: client close, lost connection, handler
 * return and handler failure.
 */
@SpringBootTest(classes = RoutingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class WebSocketConnectionLifecycleTests {

	@LocalServerPort
	private int port;

	@Autowired
	private HandlerEvents handlerEvents;

	@Autowired
	private WebSocketHandlerExecutor executor;

	private WebSocketTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebSocketTestClient.forPort(this.port);
		this.handlerEvents.reset();
	}

	@Test
	void clientCloseReachesTheHandlerWithItsCodeAndReasonAndIsNotLoggedAsAnError(CapturedOutput output) {
		WebSocketTestSession session = this.client.connect("/record-disconnect?tag=close");
		assertThat(session.receiveText()).isEqualTo("ready");
		session.close(1001, "bye");
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.handlerEvents.events).contains("close: disconnect 1001 'bye'"));
		awaitNoHandlerRunning();
		assertThat(output).doesNotContain("ERROR");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1001, 1003, 1008, 1011, 3000, 4000, 4999 })
	void aClientsCloseCodeReachesTheHandlerAsSent(int code) {
		WebSocketTestSession session = this.client.connect("/record-disconnect?tag=code" + code);
		assertThat(session.receiveText()).isEqualTo("ready");
		session.close(code, "why");
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.handlerEvents.events)
				.contains("code" + code + ": disconnect " + code + " 'why'"));
	}

	/**
	 * Pins a limitation of Tomcat: {@code org.apache.tomcat.websocket.Util#getCloseCode(int)} maps the
	 * registered codes 1012, 1013 and 1014, which RFC 6455 itself does not list, to 1002 before any
	 * application sees them; the reason survives. Jetty passes them on as sent, as uvicorn does.
	 */
	@ParameterizedTest
	@ValueSource(ints = { 1012, 1013, 1014 })
	void aClientsCloseCodeLaterThanRfc6455ReachesTheHandlerAs1002OnTomcatAndAsSentOnJetty(int code) {
		WebSocketTestSession session = this.client.connect("/record-disconnect?tag=code" + code);
		assertThat(session.receiveText()).isEqualTo("ready");
		session.close(code, "why");
		int seen = TestedContainer.isJetty() ? code : 1002;
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.handlerEvents.events)
				.contains("code" + code + ": disconnect " + seen + " 'why'"));
	}

	/**
	 * Tomcat reports a close frame without a status as a normal closure; Jetty as 1005, as uvicorn does.
	 */
	@Test
	void closeFrameWithoutStatusReachesTheHandlerAsNormalClosureOnTomcatAnd1005OnJetty() {
		WebSocketTestSession session = this.client.connect("/record-disconnect?tag=no-status");
		assertThat(session.receiveText()).isEqualTo("ready");
		session.closeWithoutStatus();
		int seen = TestedContainer.isJetty() ? 1005 : 1000;
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.handlerEvents.events)
				.contains("no-status: disconnect " + seen + " ''"));
		session.abort();
	}

	@Test
	void lostConnectionReachesTheHandlerAs1006() {
		WebSocketTestSession session = this.client.connect("/record-disconnect?tag=lost");
		assertThat(session.receiveText()).isEqualTo("ready");
		session.abort();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.handlerEvents.events).contains("lost: disconnect 1006 ''"));
	}

	@Test
	void sendToAClientThatIsGoneThrowsDisconnect1006() {
		WebSocketTestSession session = this.client.connect("/send-to-gone?tag=gone");
		assertThat(session.receiveText()).isEqualTo("ready");
		session.abort();
		this.handlerEvents.release.countDown();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.handlerEvents.events).contains("gone: send failed 1006"));
	}

	@Test
	void returningAfterAcceptClosesWith1000() {
		try (WebSocketTestSession session = this.client.connect("/return-after-accept")) {
			assertThat(session.receiveText()).isEqualTo("bye");
			assertThat(session.awaitClose()).isEqualTo(new CloseFrame(1000, ""));
		}
	}

	@Test
	void uncaughtExceptionAfterAcceptClosesWith1011AndIsLoggedOnceWithTheRoute(CapturedOutput output) {
		try (WebSocketTestSession session = this.client.connect("/crash-after-accept")) {
			session.sendText("crash");
			assertThat(session.awaitClose()).isEqualTo(new CloseFrame(1011, ""));
		}
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output).contains("ERROR")
			.contains("WS /crash-after-accept -> RoutingTestApplication.OutcomesController#crashAfterAccept")
			.contains("boom after accept"));
		awaitNoHandlerRunning();
		assertThat(output.toString().split("WS /crash-after-accept -> ", -1)).hasSize(2);
	}

	@Test
	void webSocketExceptionAfterAcceptClosesWithItsCodeAndReason(CapturedOutput output) {
		try (WebSocketTestSession session = this.client.connect("/exception-after-accept")) {
			session.sendText("go");
			assertThatExceptionOfType(WebSocketDisconnect.class).isThrownBy(session::receiveText).satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(4001);
				assertThat(ex.getReason()).isEqualTo("custom");
			});
		}
		awaitNoHandlerRunning();
		assertThat(output).doesNotContain("ERROR");
	}

	/**
	 * Wait until every handler has ended, and with it whatever its connection logs, so that a test can
	 * assert what was not logged.
	 */
	private void awaitNoHandlerRunning() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.executor.getActiveCount() == 0);
	}

}
