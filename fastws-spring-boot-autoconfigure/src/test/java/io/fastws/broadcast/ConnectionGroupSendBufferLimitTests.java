package io.fastws.broadcast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.fastws.WebSocket;
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
 * Tests over a real port for a {@link ConnectionGroup} member that falls more than
 * {@code fastws.send-buffer-limit} behind: it is closed with 1013, long before any write to it could outlast
 * the send time limit, while the others receive everything.
 */
@SpringBootTest(classes = BroadcastTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "fastws.send-buffer-limit=1MB", "fastws.send-time-limit=60s" })
class ConnectionGroupSendBufferLimitTests {

	private static final String PADDING = "x".repeat(1000);

	@LocalServerPort
	private int port;

	@Autowired
	private ConnectionGroups groups;

	@Test
	void aMemberThatFallsMoreThanTheSendBufferLimitBehindIsClosedWith1013AndTheOthersReceiveEveryMessage() {
		WebSocketTestClient client = WebSocketTestClient.forPort(this.port).withReceiveTimeout(Duration.ofSeconds(10));
		ConnectionGroup group = this.groups.group("crowded");
		List<WebSocketTestSession> readers = new ArrayList<>();
		WebSocketTestSession slow = null;
		try {
			for (int i = 0; i < 3; i++) {
				readers.add(join(client, "crowded"));
			}
			Set<WebSocket> fastMembers = Set.copyOf(group.getMembers());
			slow = join(client, "crowded");
			WebSocket slowMember = ConnectionGroupTests.newMember(group, fastMembers);
			slow.pauseReading();
			// Rounds of 100 kB that every reader takes before the next, so that only the slow member can fall
			// 1 MB behind, however slowly this machine runs. Once its TCP buffers are full (a few MB), its
			// outbox grows by a round each time: 64 MB is far more than enough.
			int sent = 0;
			while (group.size() == 4 && sent < 64_000) {
				for (int i = 0; i < 100; i++) {
					group.sendText((sent + i) + ":" + PADDING);
				}
				for (WebSocketTestSession reader : readers) {
					for (int i = 0; i < 100; i++) {
						assertThat(reader.receiveText()).startsWith((sent + i) + ":");
					}
				}
				sent += 100;
			}
			assertThat(group.size()).as("members after %d messages", sent).isEqualTo(3);
			// The client reads again a second after the cut-off, well within the send time limit that the close
			// frame may wait for behind the message on its way (TCP may also have had room for it at once):
			// it gets that message, then the close frame, not a dropped connection.
			await("the member cut off, out of the group for good")
				.during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(2))
				.until(() -> group.size() == 3 && !group.getMembers().contains(slowMember));
			slow.resumeReading();
			assertThat(slow.awaitClose().code()).isEqualTo(1013);
			group.sendText("after the cut-off");
			for (WebSocketTestSession reader : readers) {
				assertThat(reader.receiveText()).isEqualTo("after the cut-off");
			}
		}
		finally {
			readers.forEach(WebSocketTestSession::close);
			if (slow != null) {
				slow.abort();
			}
		}
	}

	private static WebSocketTestSession join(WebSocketTestClient client, String group) {
		WebSocketTestSession session = client.connect("/groups/" + group);
		assertThat(session.receiveText()).isEqualTo("joined " + group);
		return session;
	}

}
