package io.fastws.server;

import java.time.Duration;

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
 * Tests over a real port for the bounded platform thread pool ({@code fastws.threads=platform}).
 */
@SpringBootTest(classes = RoutingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "fastws.threads=platform", "fastws.thread-pool.max-size=2" })
class WebSocketPlatformThreadPoolTests {

	@LocalServerPort
	private int port;

	@Autowired
	private WebSocketHandlerExecutor executor;

	@BeforeEach
	void everyPoolThreadIsFree() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.executor.getActiveCount() == 0);
	}

	@Test
	void handlersRunOnPlatformThreadsOfThePoolOnEveryJavaVersion() {
		try (WebSocketTestSession session = WebSocketTestClient.forPort(this.port).connect("/handler-thread")) {
			assertThat(session.receiveText()).matches("fastws-handler-\\d+ platform");
		}
	}

	@Test
	void whenEveryPoolThreadIsBusyANewHandshakeIsAnHttp503AndAFreedThreadServesTheNext() {
		assertThat(this.executor.isVirtual()).isFalse();
		WebSocketTestClient client = WebSocketTestClient.forPort(this.port);
		WebSocketTestSession first = client.connect("/hold");
		try (WebSocketTestSession second = client.connect("/hold")) {
			assertThat(first.receiveText()).isEqualTo("held");
			assertThat(second.receiveText()).isEqualTo("held");
			assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> client.connect("/hold"))
				.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(503));
			first.close();
			await().atMost(Duration.ofSeconds(5)).until(() -> this.executor.getActiveCount() == 1);
			try (WebSocketTestSession third = client.connect("/hold")) {
				assertThat(third.receiveText()).isEqualTo("held");
			}
		}
	}

}
