package io.fastws.server;

import java.time.Duration;

import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.system.JavaVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests over a real port for the threads that run handlers with the default {@code fastws.threads=auto}.
 */
@SpringBootTest(classes = RoutingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "fastws.thread-pool.keep-alive=200ms")
class WebSocketHandlerThreadsTests {

	@LocalServerPort
	private int port;

	@Autowired
	private WebSocketHandlerExecutor executor;

	@Test
	void autoRunsHandlersOnVirtualThreadsFromJava21AndOnPlatformThreadsBefore() {
		assertThat(this.executor.isVirtual())
			.isEqualTo(JavaVersion.getJavaVersion().isEqualOrNewerThan(JavaVersion.TWENTY_ONE));
	}

	@Test
	void afterAThousandConnectAndDisconnectCyclesNoHandlerThreadIsLeft() {
		WebSocketTestClient client = WebSocketTestClient.forPort(this.port);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.executor.getActiveCount() == 0);
		long baseline = liveHandlerThreads();
		for (int i = 0; i < 1000; i++) {
			try (WebSocketTestSession session = client.connect("/echo")) {
				session.sendText("cycle " + i);
				assertThat(session.receiveText()).isEqualTo("Message text was: cycle " + i);
			}
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.executor.getActiveCount()).isZero();
			assertThat(liveHandlerThreads()).isLessThanOrEqualTo(baseline);
		});
	}

	private static long liveHandlerThreads() {
		return Thread.getAllStackTraces().keySet().stream().filter((thread) -> thread.getName().startsWith("fastws-handler-")).count();
	}

}
