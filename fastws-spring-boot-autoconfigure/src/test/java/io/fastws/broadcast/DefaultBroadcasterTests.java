package io.fastws.broadcast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests for {@link DefaultBroadcaster} with the in-memory backend and a recording one.
 */
class DefaultBroadcasterTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final RecordingBackend backend = new RecordingBackend();

	private DefaultBroadcaster broadcaster;

	@BeforeEach
	void start() {
		this.broadcaster = new DefaultBroadcaster(this.backend, JsonMapper.builder().build(), 3);
		this.broadcaster.start();
	}

	@Test
	void aMessageReachesEverySubscriberOfItsChannelInOrderAndNoOther() throws Exception {
		try (Subscription first = this.broadcaster.subscribe("chatroom");
				Subscription second = this.broadcaster.subscribe("chatroom");
				Subscription other = this.broadcaster.subscribe("other")) {
			this.broadcaster.publish("chatroom", "hello");
			this.broadcaster.publish("chatroom", "again");
			assertThat(take(first)).isEqualTo("hello");
			assertThat(take(first)).isEqualTo("again");
			assertThat(second.poll(TIMEOUT)).isEqualTo("hello");
			assertThat(second.poll(TIMEOUT)).isEqualTo("again");
			assertThat(other.poll(Duration.ofMillis(50))).isNull();
		}
	}

	@Test
	void aSubscriberSeesOnlyWhatIsPublishedAfterItJoined() {
		this.broadcaster.publish("chatroom", "before");
		try (Subscription late = this.broadcaster.subscribe("chatroom")) {
			this.broadcaster.publish("chatroom", "after");
			assertThat(take(late)).isEqualTo("after");
		}
	}

	@Test
	void objectsArePublishedAsCompactJson() {
		try (Subscription subscription = this.broadcaster.subscribe("events")) {
			this.broadcaster.publish("events", Map.of("text", "数据"));
			assertThat(take(subscription)).isEqualTo("{\"text\":\"数据\"}");
		}
	}

	@Test
	void iterationEndsQuietlyWhenTheSubscriptionIsClosed() {
		Subscription subscription = this.broadcaster.subscribe("chatroom");
		this.broadcaster.publish("chatroom", "one");
		this.broadcaster.publish("chatroom", "two");
		subscription.close();
		this.broadcaster.publish("chatroom", "after close");
		List<String> received = new ArrayList<>();
		assertTimeoutPreemptively(TIMEOUT, () -> subscription.forEach(received::add));
		assertThat(received).containsExactly("one", "two");
		assertThat(subscription.isOpen()).isFalse();
	}

	@Test
	void aSubscriberThatFallsTooFarBehindIsCutOffAfterWhatItHadQueued() {
		Subscription slow = this.broadcaster.subscribe("chatroom");
		for (int i = 1; i <= 5; i++) {
			this.broadcaster.publish("chatroom", "message " + i);
		}
		assertThat(take(slow)).isEqualTo("message 1");
		assertThat(take(slow)).isEqualTo("message 2");
		assertThat(take(slow)).isEqualTo("message 3");
		assertThatExceptionOfType(SubscriptionOverflowException.class).isThrownBy(() -> take(slow))
			.withMessageContaining("fell more than 3 messages behind");
		assertThat(slow.isOverflowed()).isTrue();
		assertThat(this.broadcaster.subscriberCount("chatroom")).isZero();
	}

	@Test
	void theBackendIsToldOfTheFirstSubscriberAndTheLastLeavingAndCarriesEveryPublish() {
		Subscription first = this.broadcaster.subscribe("chatroom");
		Subscription second = this.broadcaster.subscribe("chatroom");
		this.broadcaster.publish("chatroom", "hello");
		first.close();
		second.close();
		assertThat(this.backend.calls).containsExactly("subscribe chatroom", "publish chatroom hello",
				"unsubscribe chatroom");
	}

	@Test
	void messagesFromOtherInstancesReachLocalSubscribers() {
		try (Subscription subscription = this.broadcaster.subscribe("chatroom")) {
			this.backend.listener.accept("chatroom", "from elsewhere");
			assertThat(take(subscription)).isEqualTo("from elsewhere");
		}
	}

	@Test
	void stoppingTheBroadcasterClosesEverySubscription() {
		Subscription subscription = this.broadcaster.subscribe("chatroom");
		this.broadcaster.stop();
		assertThat(subscription.isOpen()).isFalse();
		assertThat(this.backend.calls).contains("stop");
	}

	@Test
	void aSubscriptionMadeOnceTheBroadcasterIsStoppedIsClosedAtOnceAndOneMadeAfterARestartIsOpen() {
		this.broadcaster.stop();
		Subscription late = this.broadcaster.subscribe("chatroom");
		assertThat(late.isOpen()).isFalse();
		assertThat(take(late)).isNull();
		assertThat(this.broadcaster.subscriberCount("chatroom")).isZero();
		this.broadcaster.start();
		try (Subscription subscription = this.broadcaster.subscribe("chatroom")) {
			this.broadcaster.publish("chatroom", "after the restart");
			assertThat(take(subscription)).isEqualTo("after the restart");
		}
	}

	/**
	 * Take the next message, or the end, failing the test rather than waiting more than {@link #TIMEOUT}.
	 */
	private static String take(Subscription subscription) {
		return assertTimeoutPreemptively(TIMEOUT, subscription::take);
	}

	static class RecordingBackend implements BroadcastBackend {

		final List<String> calls = new CopyOnWriteArrayList<>();

		BiConsumer<String, String> listener;

		@Override
		public void start(BiConsumer<String, String> listener) {
			this.listener = listener;
		}

		@Override
		public void stop() {
			this.calls.add("stop");
		}

		@Override
		public void subscribe(String channel) {
			this.calls.add("subscribe " + channel);
		}

		@Override
		public void unsubscribe(String channel) {
			this.calls.add("unsubscribe " + channel);
		}

		@Override
		public void publish(String channel, String message) {
			this.calls.add("publish " + channel + " " + message);
		}

	}

}
