package io.fastws.sample;

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
 * Tests for the chat tutorial over a real port: spec items C7 to C9.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ChatControllerTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ConnectionManager manager;

	private WebSocketTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebSocketTestClient.forPort(this.port);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.manager.size() == 0);
	}

	@Test
	void messagesGoToTheSenderAndToEveryoneAndALeaverIsAnnounced() {
		try (WebSocketTestSession first = this.client.connect("/ws/1234")) {
			WebSocketTestSession second = this.client.connect("/ws/5678");
			await().atMost(Duration.ofSeconds(5)).until(() -> this.manager.size() == 2);
			first.sendText("Hello from 1234");
			assertThat(first.receiveText()).isEqualTo("You wrote: Hello from 1234");
			assertThat(first.receiveText()).isEqualTo("Client #1234 says: Hello from 1234");
			assertThat(second.receiveText()).isEqualTo("Client #1234 says: Hello from 1234");
			second.close();
			assertThat(first.receiveText()).isEqualTo("Client #5678 left the chat");
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.manager.size() == 0);
	}

	@Test
	void aNonNumericClientIdIsRefused() {
		assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> this.client.connect("/ws/abc"))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(403));
	}

	@Test
	void aVanishedClientNeverMakesTheSenderLookLikeTheOneWhoLeftNorStopsDeliveryToOthers() {
		try (WebSocketTestSession sender = this.client.connect("/ws/1");
				WebSocketTestSession listener = this.client.connect("/ws/2")) {
			WebSocketTestSession vanishing = this.client.connect("/ws/3");
			await().atMost(Duration.ofSeconds(5)).until(() -> this.manager.size() == 3);
			vanishing.abort();
			for (int i = 0; i < 20; i++) {
				sender.sendText("message " + i);
				assertThat(nextChatLine(sender)).isEqualTo("You wrote: message " + i);
				assertThat(nextChatLine(sender)).isEqualTo("Client #1 says: message " + i);
				assertThat(nextChatLine(listener)).isEqualTo("Client #1 says: message " + i);
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> this.manager.size() == 2);
		}
	}

	private static String nextChatLine(WebSocketTestSession session) {
		String line = session.receiveText();
		while (line.equals("Client #3 left the chat")) {
			line = session.receiveText();
		}
		return line;
	}

}
