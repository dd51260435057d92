package io.fastws.broadcast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.fastws.test.CloseFrame;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests over a real port for {@link ConnectionGroup}: every member receives every message, and a slow or
 * departed member never holds up the others.
 */
@SpringBootTest(classes = BroadcastTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "fastws.send-buffer-limit=64MB", "fastws.send-time-limit=1s" })
class ConnectionGroupTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ConnectionGroups groups;

	private WebSocketTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebSocketTestClient.forPort(this.port).withReceiveTimeout(Duration.ofSeconds(10));
	}

	private WebSocketTestSession join(String group) {
		WebSocketTestSession session = this.client.connect("/groups/" + group);
		assertThat(session.receiveText()).isEqualTo("joined " + group);
		return session;
	}

	@Test
	void everyMemberReceivesEveryMessageAndAMemberThatLeavesIsRemoved() {
		try (WebSocketTestSession alice = join("lobby"); WebSocketTestSession bob = join("lobby")) {
			WebSocketTestSession carol = join("lobby");
			assertThat(this.groups.group("lobby").size()).isEqualTo(3);
			alice.sendText("hi all");
			for (WebSocketTestSession member : List.of(alice, bob, carol)) {
				assertThat(member.receiveText()).isEqualTo("hi all");
			}
			carol.close();
			await().atMost(Duration.ofSeconds(5)).until(() -> this.groups.group("lobby").size() == 2);
			bob.sendText("carol left");
			assertThat(alice.receiveText()).isEqualTo("carol left");
			assertThat(bob.receiveText()).isEqualTo("carol left");
		}
	}

	@Test
	void aMemberThatStopsReadingIsCutOffWhileEveryOtherMemberReceivesEveryMessage() {
		List<WebSocketTestSession> readers = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			readers.add(join("busy"));
		}
		WebSocketTestSession slow = join("busy");
		slow.pauseReading();
		int messages = 10_000;
		readers.get(0).sendText("burst " + messages);
		for (WebSocketTestSession reader : readers) {
			for (int i = 0; i < messages; i++) {
				assertThat(reader.receiveText()).startsWith(i + ":");
			}
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.groups.group("busy").size() == 3);
		slow.resumeReading();
		CloseFrame close = slow.awaitClose();
		assertThat(close.code()).isIn(1013, 1008, 1006);
		readers.forEach(WebSocketTestSession::close);
		slow.abort();
	}

}
