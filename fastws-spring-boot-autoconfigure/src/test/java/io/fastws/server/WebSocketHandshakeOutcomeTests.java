package io.fastws.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.fastws.server.RoutingTestApplication.HandlerEvents;
import io.fastws.test.HandshakeRejectedException;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * Tests over a real port for how the handler's first decision answers the HTTP upgrade request.
 */
@SpringBootTest(classes = RoutingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "fastws.handshake-timeout=1s")
@ExtendWith(OutputCaptureExtension.class)
class WebSocketHandshakeOutcomeTests {

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
	void acceptedConnectionTalksToItsHandler() {
		try (WebSocketTestSession session = this.client.connect("/echo")) {
			session.sendText("Message one");
			assertThat(session.receiveText()).isEqualTo("Message text was: Message one");
			session.sendText("Message two");
			assertThat(session.receiveText()).isEqualTo("Message text was: Message two");
		}
	}

	@Test
	void pathVariablesAndQueryParametersReachTheHandler() {
		try (WebSocketTestSession session = this.client.request("/items/foo/ws").queryParam("q", "3", "4").connect()) {
			assertThat(session.receiveText()).isEqualTo("item foo q=[3, 4]");
		}
	}

	@Test
	void theMostSpecificRouteWins() {
		try (WebSocketTestSession session = this.client.connect("/items/special/ws")) {
			assertThat(session.receiveText()).isEqualTo("special");
		}
	}

	@Test
	void acceptSendsTheChosenSubprotocolAndExtraHeadersInThe101() {
		try (WebSocketTestSession session = this.client.request("/subprotocol").subprotocols("soap", "wamp").connect()) {
			assertThat(session.getAcceptedSubprotocol()).isEqualTo("wamp");
			assertThat(session.getResponseHeaders().getFirst("X-Extra")).isEqualTo("1");
			assertThat(session.receiveText()).isEqualTo("offered [soap, wamp]");
		}
	}

	@Test
	void closeBeforeAcceptIsAnHttp403WithAnEmptyBody() {
		assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> this.client.connect("/reject"))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(403);
				assertThat(ex.getBody()).isEmpty();
			});
	}

	@Test
	void webSocketExceptionBeforeAcceptIsAnHttp403AndNotAnError(CapturedOutput output) {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> this.client.connect("/reject-with-exception"))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(403));
		awaitNoHandlerRunning();
		assertThat(output).doesNotContain("ERROR");
	}

	@Test
	void denialResponseReachesTheClientWithItsStatusHeadersAndBody() {
		assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> this.client.connect("/deny"))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(418);
				assertThat(ex.getHeaders().getFirst("X-Reason")).isEqualTo("teapot");
				assertThat(ex.getBodyAsString()).isEqualTo("nope");
			});
	}

	@Test
	void exceptionBeforeAcceptIsAnHttp500AndIsLoggedWithTheRoute(CapturedOutput output) {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> this.client.connect("/crash-before-accept"))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(500));
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(output).contains("ERROR")
				.contains("WS /crash-before-accept -> RoutingTestApplication.OutcomesController#crashBeforeAccept")
				.contains("boom before accept"));
		awaitNoHandlerRunning();
		assertThat(output.toString().split("WS /crash-before-accept -> ", -1)).hasSize(2);
	}

	@Test
	void returningWithoutADecisionIsAnHttp500AndIsLogged(CapturedOutput output) {
		assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> this.client.connect("/no-decision"))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(500));
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(output).contains("returned without accepting or rejecting the connection"));
		awaitNoHandlerRunning();
		assertThat(output.toString().split("returned without accepting or rejecting the connection", -1)).hasSize(2);
	}

	@Test
	void noDecisionWithinTheHandshakeTimeoutIsAnHttp503AndInterruptsTheHandler() {
		assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> this.client.connect("/slow-decision"))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(503));
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.handlerEvents.events).contains("interrupted"));
	}

	@Test
	void upgradeRequestForAnUnknownPathIsAnHttp404() {
		assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> this.client.connect("/nowhere"))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(404));
	}

	@Test
	void plainHttpGetOnAWebSocketPathStillReachesSpringMvc() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/echo"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("the echo page");
	}

	/**
	 * Wait until every handler has ended, and with it whatever its connection logs, so that a test can
	 * assert what was logged, and how often, or what was not.
	 */
	private void awaitNoHandlerRunning() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.executor.getActiveCount() == 0);
	}

}
