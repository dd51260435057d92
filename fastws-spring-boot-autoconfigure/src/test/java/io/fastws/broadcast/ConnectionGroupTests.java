package io.fastws.broadcast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.fastws.WebSocket;
import io.fastws.WebSocketDisconnect;
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
 * Tests over a real port for {@link ConnectionGroup}: every member receives every message, a departed member
 * is removed, and a member that stops reading is closed with 1008 once a write to it outlasts
 * {@code fastws.send-time-limit}, while the others receive everything. The sender's side has tests of its
 * own, {@link ConnectionGroupSenderTests}.
 */
@SpringBootTest(classes = BroadcastTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "fastws.send-buffer-limit=64MB", "fastws.send-time-limit=3s" })
class ConnectionGroupTests {

	static final String PADDING = "x".repeat(1000);

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
	void aMemberThatStopsReadingGetsTheCloseFrame1008AfterWhatWasOnItsWayWhileEveryOtherMemberReceivesEveryMessage() {
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
			awaitCutOffWhileItsCloseFrameWaits(group, slowMember);
			slow.resumeReading();
			assertEveryMessageInOrderThenTheCloseFrame(slow, 1008, "Send time limit exceeded");
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

	/**
	 * Wait until a member that reads nothing is out of the group, then a while longer, during which its
	 * connection stays open: its close frame waits behind the message on its way.
	 */
	static void awaitCutOffWhileItsCloseFrameWaits(ConnectionGroup group, WebSocket member) {
		await("the member cut off").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> !group.getMembers().contains(member));
		await("the member's close frame waiting behind the message on its way").during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(2))
			.until(() -> !member.whenClosed().isDone());
	}

	/**
	 * Read what a member cut off got: the messages of the burst from the first, each whole and in order, and
	 * then the close frame, with the given code and reason.
	 */
	static void assertEveryMessageInOrderThenTheCloseFrame(WebSocketTestSession member, int closeCode,
			String reason) {
		int received = 0;
		try {
			while (true) {
				assertThat(member.receiveText()).isEqualTo(received + ":" + PADDING);
				received++;
			}
		}
		catch (WebSocketDisconnect ex) {
			assertThat(ex.getCode()).isEqualTo(closeCode);
			assertThat(ex.getReason()).isEqualTo(reason);
		}
		assertThat(received).isPositive();
	}

}
