package io.fastws.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests over a real port that the platform thread pool, at its default size, does not lock clients out
 * while a few hundred idle connections each hold a thread.
 */
@SpringBootTest(classes = RoutingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "fastws.threads=platform")
class PlatformThreadPoolSizeTests {

	private static final int IDLE_CONNECTIONS = 300;

	@LocalServerPort
	private int port;

	@Test
	void threeHundredIdleConnectionsLeaveRoomForTheNextClient() {
		WebSocketTestClient client = WebSocketTestClient.forPort(this.port).withReceiveTimeout(Duration.ofSeconds(20));
		List<WebSocketTestSession> idle = new ArrayList<>();
		try {
			for (int i = 0; i < IDLE_CONNECTIONS; i++) {
				WebSocketTestSession session = client.connect("/hold");
				assertThat(session.receiveText()).isEqualTo("held");
				idle.add(session);
			}
			try (WebSocketTestSession next = client.connect("/hold")) {
				assertThat(next.receiveText()).isEqualTo("held");
			}
		}
		finally {
			idle.forEach(WebSocketTestSession::close);
		}
	}

}
