package io.fastws.broadcast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

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
 * Tests over a real port for the thread that sends to a {@link ConnectionGroup}: it never waits for a
 * member, however long that member takes to read.
 */
@SpringBootTest(classes = BroadcastTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "fastws.send-buffer-limit=64MB", "fastws.send-time-limit=60s" })
class ConnectionGroupSenderTests {

	private static final Duration SEND_TIME_LIMIT = Duration.ofSeconds(60);

	private static final String PADDING = "x".repeat(1000);

	@LocalServerPort
	private int port;

	@Autowired
	private ConnectionGroups groups;

	@Test
	void sendingToTheGroupNeverWaitsForAMemberThatReadsNothingAndThatMemberGetsEverythingOnceItReadsAgain() {
		WebSocketTestClient client = WebSocketTestClient.forPort(this.port).withReceiveTimeout(Duration.ofSeconds(10));
		ConnectionGroup group = this.groups.group("stalled");
		List<WebSocketTestSession> readers = new ArrayList<>();
		WebSocketTestSession slow = null;
		try {
			for (int i = 0; i < 3; i++) {
				readers.add(join(client, "stalled"));
			}
			Set<WebSocket> fastMembers = Set.copyOf(group.getMembers());
			slow = join(client, "stalled");
			Set<WebSocket> slowMembers = new HashSet<>(group.getMembers());
			slowMembers.removeAll(fastMembers);
			assertThat(slowMembers).hasSize(1);
			WebSocket slowMember = slowMembers.iterator().next();
			slow.pauseReading();
			// 10 MB: more than the slow member's TCP buffers take, so most of it waits for that member
			int messages = 10_000;
			long slowestSend = 0;
			long started = System.nanoTime();
			for (int i = 0; i < messages; i++) {
				long before = System.nanoTime();
				group.sendText(i + ":" + PADDING);
				slowestSend = Math.max(slowestSend, System.nanoTime() - before);
			}
			Duration allSends = Duration.ofNanos(System.nanoTime() - started);
			// Sending took a small fraction of the time the slow member is stalled for; a sender that waited
			// for that member would have taken the whole send time limit at least once.
			assertThat(Duration.ofNanos(slowestSend)).isLessThan(SEND_TIME_LIMIT.dividedBy(20));
			assertThat(allSends).isLessThan(SEND_TIME_LIMIT.dividedBy(6));
			CompletableFuture<Void> probe = slowMember.sendTextAsync("probe");
			for (WebSocketTestSession reader : readers) {
				for (int i = 0; i < messages; i++) {
					assertThat(reader.receiveText()).startsWith(i + ":");
				}
			}
			// The slow member is stalled: what was queued for it after the last message still waits, a while
			// after the others have received everything, and it is still a member, as no write to it has
			// outlasted the limit.
			await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !probe.isDone());
			assertThat(group.getMembers()).contains(slowMember);
			slow.resumeReading();
			for (int i = 0; i < messages; i++) {
				assertThat(slow.receiveText()).startsWith(i + ":");
			}
			assertThat(slow.receiveText()).isEqualTo("probe");
			await().atMost(Duration.ofSeconds(10)).until(probe::isDone);
			assertThat(probe).isCompleted();
		}
		finally {
			readers.forEach(WebSocketTestSession::close);
			if (slow != null) {
				slow.close();
			}
		}
	}

	private static WebSocketTestSession join(WebSocketTestClient client, String group) {
		WebSocketTestSession session = client.connect("/groups/" + group);
		assertThat(session.receiveText()).isEqualTo("joined " + group);
		return session;
	}

}
