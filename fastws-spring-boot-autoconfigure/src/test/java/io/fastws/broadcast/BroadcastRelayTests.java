package io.fastws.broadcast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

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
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests over a real port for {@link BroadcastRelay}, with the in-memory backend: what is published to a
 * channel reaches every member of the relayed group once, and a member that stops reading is closed with 1008
 * once a write to it outlasts {@code fastws.send-time-limit}, as in any group.
 */
@SpringBootTest(classes = BroadcastTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "fastws.send-buffer-limit=64MB", "fastws.send-time-limit=3s",
				"fastws.broadcast.subscriber-queue-size=20000" })
class BroadcastRelayTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Broadcaster broadcaster;

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
	void everyMessagePublishedToTheChannelReachesEveryMemberOfTheGroupOnceAndInOrder() {
		try (BroadcastRelay relay = this.broadcaster.relay("news", this.groups.group("readers"));
				WebSocketTestSession alice = join("readers");
				WebSocketTestSession bob = join("readers")) {
			this.broadcaster.publish("news", "first");
			this.broadcaster.publish("news", Map.of("text", "second"));
			this.broadcaster.publish("elsewhere", "not relayed");
			this.broadcaster.publish("news", "last");
			for (WebSocketTestSession member : List.of(alice, bob)) {
				assertThat(member.receiveText()).isEqualTo("first");
				assertThat(member.receiveText()).isEqualTo("{\"text\":\"second\"}");
				assertThat(member.receiveText()).isEqualTo("last");
			}
		}
	}

	@Test
	void aMemberThatStopsReadingGetsTheCloseFrame1008AfterWhatWasOnItsWayWhileEveryOtherMemberReceivesEveryRelayedMessage() {
		ConnectionGroup group = this.groups.group("traders");
		try (BroadcastRelay relay = this.broadcaster.relay("ticker", group)) {
			List<WebSocketTestSession> readers = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				readers.add(join("traders"));
			}
			Set<WebSocket> fastMembers = Set.copyOf(group.getMembers());
			WebSocketTestSession slow = join("traders");
			try {
				WebSocket slowMember = ConnectionGroupTests.newMember(group, fastMembers);
				slow.pauseReading();
				int messages = 10_000;
				CompletableFuture<Void> published = CompletableFuture.runAsync(() -> {
					for (int i = 0; i < messages; i++) {
						this.broadcaster.publish("ticker", i + ":" + ConnectionGroupTests.PADDING);
					}
				});
				ConnectionGroupTests.awaitCutOffWhileItsCloseFrameWaits(group, slowMember);
				slow.resumeReading();
				ConnectionGroupTests.assertEveryMessageInOrderThenTheCloseFrame(slow, 1008, "Send time limit exceeded");
				published.join();
				for (WebSocketTestSession reader : readers) {
					for (int i = 0; i < messages; i++) {
						assertThat(reader.receiveText()).startsWith(i + ":");
					}
				}
				assertThat(relay.isRunning()).isTrue();
			}
			finally {
				readers.forEach(WebSocketTestSession::close);
				slow.abort();
			}
		}
	}

	@Test
	void aClosedRelayHasStoppedWhenCloseReturnsAndRelaysNothingMore() {
		ConnectionGroup group = this.groups.group("closing");
		BroadcastRelay relay = this.broadcaster.relay("bulletins", group);
		try (WebSocketTestSession member = join("closing")) {
			this.broadcaster.publish("bulletins", "before");
			assertThat(member.receiveText()).isEqualTo("before");
			relay.close();
			assertThat(relay.isRunning()).isFalse();
			assertThat(((DefaultBroadcaster) this.broadcaster).subscriberCount("bulletins")).isZero();
			this.broadcaster.publish("bulletins", "after");
			group.sendText("sent to the group itself");
			assertThat(member.receiveText()).isEqualTo("sent to the group itself");
		}
	}

	@Test
	void aGroupTakesOneRelayFromAChannelAndAnotherOnceThatOneIsClosed() {
		ConnectionGroup group = this.groups.group("guarded");
		try (BroadcastRelay relay = this.broadcaster.relay("alerts", group);
				BroadcastRelay other = this.broadcaster.relay("warnings", group)) {
			assertThatIllegalStateException().isThrownBy(() -> this.broadcaster.relay("alerts", group))
				.withMessage("Group 'guarded' already has a relay from channel 'alerts': a second one would "
						+ "deliver every message twice");
			assertThat(other.isRunning()).isTrue();
		}
		try (BroadcastRelay again = this.broadcaster.relay("alerts", group);
				WebSocketTestSession member = join("guarded")) {
			assertThat(again.isRunning()).isTrue();
			this.broadcaster.publish("alerts", "one");
			this.broadcaster.publish("alerts", "two");
			assertThat(member.receiveText()).isEqualTo("one");
			assertThat(member.receiveText()).isEqualTo("two");
		}
	}

}
