package io.fastws.broadcast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.fastws.WebSocket;
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
 * Tests over a real port for {@link ConnectionGroup}: every member receives every message, and a member that
 * stops reading is closed with 1008 once one write to it outlasts {@code fastws.send-time-limit}, while the
 * others receive everything. The send buffer limit and the sender's side have tests of their own,
 * {@link ConnectionGroupSendBufferLimitTests} and {@link ConnectionGroupSenderTests}.
 */
@SpringBootTest(classes = BroadcastTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "fastws.send-buffer-limit=64MB", "fastws.send-time-limit=4s" })
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
	void aMemberThatStopsReadingIsClosedWith1008OnceAWriteOutlastsTheSendTimeLimitAndTheOthersReceiveEveryMessage() {
		List<WebSocketTestSession> readers = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			readers.add(join("busy"));
		}
		ConnectionGroup group = this.groups.group("busy");
		Set<WebSocket> fastMembers = Set.copyOf(group.getMembers());
		WebSocketTestSession slow = join("busy");
		try {
			WebSocket slowMember = newMember(group, fastMembers);
			slow.pauseReading();
			int messages = 10_000;
			readers.get(0).sendText("burst " + messages);
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> group.size() == 3);
			// The close frame waits behind the message the member has half taken, for up to another send time
			// limit: a second on, the connection is still open, and the client, reading again, gets both.
			await("the cut-off member's connection, open while its close frame waits")
				.during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(2))
				.until(() -> !slowMember.whenClosed().isDone());
			slow.resumeReading();
			assertThat(slow.awaitClose().code()).isEqualTo(1008);
			for (WebSocketTestSession reader : readers) {
				for (int i = 0; i < messages; i++) {
					assertThat(reader.receiveText()).startsWith(i + ":");
				}
			}
		}
		finally {
			readers.forEach(WebSocketTestSession::close);
			slow.abort();
		}
	}

	static WebSocket newMember(ConnectionGroup group, Set<WebSocket> before) {
		Set<WebSocket> added = new HashSet<>(group.getMembers());
		added.removeAll(before);
		assertThat(added).hasSize(1);
		return added.iterator().next();
	}

}
