package io.fastws.server;

import java.util.HashMap;
import java.util.Map;

import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests over a real port for many threads sending on one connection at once: spec item A32.
 */
@SpringBootTest(classes = RoutingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ConcurrentSendTests {

	@LocalServerPort
	private int port;

	@Test
	void messagesSentFromManyThreadsAtOnceArriveWholeAndInEachSendersOrder() {
		try (WebSocketTestSession session = WebSocketTestClient.forPort(this.port).connect("/concurrent-senders")) {
			Map<Integer, Integer> nextBySender = new HashMap<>();
			for (int received = 0; received < 8 * 500; received++) {
				String[] parts = session.receiveText().split(":", 3);
				int sender = Integer.parseInt(parts[0]);
				assertThat(Integer.parseInt(parts[1])).isEqualTo(nextBySender.getOrDefault(sender, 0));
				assertThat(parts[2]).isEqualTo("x".repeat(100 * sender));
				nextBySender.put(sender, Integer.parseInt(parts[1]) + 1);
			}
			assertThat(nextBySender).hasSize(8).allSatisfy((sender, next) -> assertThat(next).isEqualTo(500));
		}
	}

}
