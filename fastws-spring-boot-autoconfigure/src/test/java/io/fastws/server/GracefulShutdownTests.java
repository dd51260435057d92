package io.fastws.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.fastws.server.ShutdownTestApplication.ShutdownEvents;
import io.fastws.server.observation.WebSocketObservationContext;
import io.fastws.test.HandshakeRejectedException;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests of the graceful shutdown of open connections when the application context closes, over a real
 * port: the close frame each client gets, what handlers see, and how long the context waits for them.
 */
@ExtendWith(OutputCaptureExtension.class)
class GracefulShutdownTests {

	private ConfigurableApplicationContext context;

	private WebSocketTestClient client;

	private ShutdownEvents events;

	@AfterEach
	void closeContext() {
		if (this.context != null) {
			this.context.close();
		}
	}

	private void start(String... properties) {
		this.context = new SpringApplicationBuilder(ShutdownTestApplication.class).properties("server.port=0")
			.properties(properties)
			.run();
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		this.client = WebSocketTestClient.forPort(port).withReceiveTimeout(Duration.ofSeconds(20));
		this.events = this.context.getBean(ShutdownEvents.class);
	}

	private CompletableFuture<Void> closeContextInTheBackground() {
		ConfigurableApplicationContext closing = this.context;
		this.context = null;
		return CompletableFuture.runAsync(closing::close);
	}

	@Test
	void everyOpenConnectionGetsA1012CloseFrameAndTheContextWaitsForEveryHandlersCleanup() {
		start();
		List<WebSocketTestSession> sessions = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			WebSocketTestSession session = this.client.request("/slow-cleanup").queryParam("cleanup", "500").connect();
			assertThat(session.receiveText()).isEqualTo("ready");
			sessions.add(session);
		}
		CompletableFuture<Void> closed = closeContextInTheBackground();
		for (WebSocketTestSession session : sessions) {
			assertThat(session.awaitClose().code()).isEqualTo(1012);
		}
		assertThat(closed).succeedsWithin(Duration.ofSeconds(30));
		assertThat(this.events.count("disconnect 1012")).isEqualTo(20);
		assertThat(this.events.count("goodbye failed with 1012")).isEqualTo(20);
		assertThat(this.events.count("cleaned up")).isEqualTo(20);
		assertThat(this.events.count("dependency closed")).isEqualTo(20);
	}

	@Test
	void messagesSentBeforeTheShutdownReachTheClientBeforeItsCloseFrame() {
		start();
		WebSocketTestSession session = this.client.connect("/slow-cleanup");
		assertThat(session.receiveText()).isEqualTo("ready");
		for (int i = 0; i < 100; i++) {
			session.sendText("message " + i);
		}
		for (int i = 0; i < 100; i++) {
			assertThat(session.receiveText()).isEqualTo("message " + i);
		}
		CompletableFuture<Void> closed = closeContextInTheBackground();
		assertThat(session.awaitClose().code()).isEqualTo(1012);
		assertThat(closed).succeedsWithin(Duration.ofSeconds(30));
	}

	@Test
	void theCloseCodeIsConfigurable() {
		start("fastws.shutdown.close-code=1001");
		WebSocketTestSession session = this.client.connect("/slow-cleanup");
		assertThat(session.receiveText()).isEqualTo("ready");
		CompletableFuture<Void> closed = closeContextInTheBackground();
		assertThat(session.awaitClose().code()).isEqualTo(1001);
		assertThat(closed).succeedsWithin(Duration.ofSeconds(30));
		assertThat(this.events.events).contains("disconnect 1001", "goodbye failed with 1001");
	}

	@Test
	void upgradesThatArriveWhileHandlersCleanUpGet503() {
		start();
		List<String> observed = new CopyOnWriteArrayList<>();
		this.context.getBean(ObservationRegistry.class).observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof WebSocketObservationContext;
			}

			@Override
			public void onStop(Observation.Context context) {
				observed.add(context.getName() + " " + context.getLowCardinalityKeyValues().stream()
					.map((keyValue) -> keyValue.getKey() + "=" + keyValue.getValue())
					.toList());
			}

		});
		WebSocketTestSession session = this.client.request("/slow-cleanup").queryParam("cleanup", "5000").connect();
		assertThat(session.receiveText()).isEqualTo("ready");
		CompletableFuture<Void> closed = closeContextInTheBackground();
		assertThat(session.awaitClose().code()).isEqualTo(1012);
		session.close();
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> this.client.connect("/slow-cleanup"))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(503));
		assertThat(closed).succeedsWithin(Duration.ofSeconds(30));
		assertThat(this.events.count("cleaned up")).isEqualTo(1);
		// observed, though Spring Boot has closed its meter registries by then
		assertThat(observed).contains("fastws.connections [close.code=1012, outcome=shutdown, route=/slow-cleanup]",
				"fastws.handshakes [outcome=shutdown, route=/slow-cleanup, status=503]");
	}

	@Test
	void aHandshakeTheHandlerHasNotDecidedYetGets503() throws Exception {
		start();
		CompletableFuture<WebSocketTestSession> connecting = CompletableFuture
			.supplyAsync(() -> this.client.connect("/slow-accept"));
		assertThat(this.events.pendingHandshake.await(20, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Void> closed = closeContextInTheBackground();
		assertThat(connecting).failsWithin(Duration.ofSeconds(20))
			.withThrowableThat()
			.havingCause()
			.isInstanceOfSatisfying(HandshakeRejectedException.class, (ex) -> assertThat(ex.getStatus()).isEqualTo(503));
		this.events.acceptLatch.countDown();
		assertThat(closed).succeedsWithin(Duration.ofSeconds(30));
	}

	@Test
	void aHandlerStillRunningAtTheShutdownTimeoutIsInterruptedAndNamedInOneWarning(CapturedOutput output) {
		start("fastws.shutdown.timeout=1s");
		WebSocketTestSession session = this.client.connect("/stubborn");
		assertThat(session.receiveText()).isEqualTo("ready");
		long start = System.nanoTime();
		CompletableFuture<Void> closed = closeContextInTheBackground();
		assertThat(session.awaitClose().code()).isEqualTo(1012);
		assertThat(closed).succeedsWithin(Duration.ofSeconds(30));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(this.events.events).containsExactly("disconnect 1012", "interrupted");
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(output.getOut())
				.containsOnlyOnce("Interrupted 1 WebSocket handler(s) still running 1000 ms after shutdown began: "
						+ "WS /stubborn -> ShutdownTestApplication.ShutdownController#stubborn(WebSocket) for /stubborn"));
	}

}
