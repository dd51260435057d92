package io.fastws.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that one chat tab that stops reading cannot hold up the others: the send time limit is set far
 * beyond the test's waits, so only a broadcast that never waits on the slow tab lets the others keep up
 * (the close code the cut-off tab gets is the broadcast tests' concern).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "fastws.send-time-limit=120s")
class ChatSlowClientTests {

	private static final int MESSAGES = 3000;

	@LocalServerPort
	private int port;

	@Autowired
	private ConnectionManager manager;

	// the sender goes at the pace of its own copy of each broadcast, as a person typing would
	private static void awaitOwnBroadcast(WebSocketTestSession sender, String broadcast) {
		String message = sender.receiveText();
		while (!message.equals(broadcast)) {
			message = sender.receiveText();
		}
	}

	@Test
	void aTabThatStopsReadingIsCutOffWhileTheOthersGetEveryMessage() {
		WebSocketTestClient client = WebSocketTestClient.forPort(this.port).withReceiveTimeout(Duration.ofSeconds(30));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.manager.size() == 0);
		try (WebSocketTestSession sender = client.connect("/ws/1"); WebSocketTestSession reader = client.connect("/ws/2");
				WebSocketTestSession stalled = client.connect("/ws/3")) {
			await().atMost(Duration.ofSeconds(5)).until(() -> this.manager.size() == 3);
			stalled.pauseReading();
			String padding = "x".repeat(4000);
			for (int i = 0; i < MESSAGES; i++) {
				sender.sendText(i + padding);
				awaitOwnBroadcast(sender, "Client #1 says: " + i + padding);
			}
			List<String> received = new ArrayList<>();
			while (received.size() < MESSAGES) {
				String message = reader.receiveText();
				if (!message.equals("Client #3 left the chat")) {
					received.add(message);
				}
			}
			assertThat(received).containsExactlyElementsOf(IntStream.range(0, MESSAGES)
				.mapToObj((i) -> "Client #1 says: " + i + padding)
				.toList());
			await().atMost(Duration.ofSeconds(30)).until(() -> this.manager.size() == 2);
			stalled.resumeReading();
			stalled.awaitClose();
		}
	}

}
