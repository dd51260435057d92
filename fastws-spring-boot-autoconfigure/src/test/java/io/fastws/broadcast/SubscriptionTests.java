package io.fastws.broadcast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests for {@link Subscription}: its end is never a message, and it always comes.
 */
class SubscriptionTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final AtomicInteger closed = new AtomicInteger();

	private Subscription subscription(int capacity) {
		return new Subscription("chatroom", capacity, (subscription) -> this.closed.incrementAndGet());
	}

	@Test
	void messagesThatReadLikeAnEndAreDeliveredAsAnyOther() throws Exception {
		Subscription subscription = subscription(4);
		subscription.deliver("closed");
		subscription.deliver(new String("closed"));
		subscription.deliver("");
		subscription.deliver("null");
		assertThat(take(subscription)).isEqualTo("closed");
		assertThat(subscription.poll(Duration.ofSeconds(1))).isEqualTo("closed");
		assertThat(take(subscription)).isEmpty();
		assertThat(take(subscription)).isEqualTo("null");
		assertThat(subscription.isOpen()).isTrue();
	}

	@Test
	void closingEndsIterationQuietlyAfterTheQueuedMessagesAndKeepsItEnded() throws Exception {
		Subscription subscription = subscription(4);
		subscription.deliver("one");
		subscription.close();
		subscription.deliver("after close");
		subscription.close();
		List<String> received = new ArrayList<>();
		assertTimeoutPreemptively(TIMEOUT, () -> subscription.forEach(received::add));
		assertThat(received).containsExactly("one");
		assertThat(take(subscription)).isNull();
		assertThat(subscription.poll(Duration.ofSeconds(1))).isNull();
		assertThat(this.closed).hasValue(1);
	}

	@Test
	void anEmptyOpenSubscriptionPollsNothing() throws Exception {
		assertThat(subscription(4).poll(Duration.ofMillis(20))).isNull();
	}

	@Test
	void anOverflowIsReportedAfterTheQueuedMessagesEvenWhenManyThreadsDeliverAtOnce() throws Exception {
		for (int round = 0; round < 500; round++) {
			Subscription subscription = subscription(1);
			CountDownLatch start = new CountDownLatch(1);
			List<Thread> publishers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				publishers.add(new Thread(() -> {
					awaitQuietly(start);
					subscription.deliver("message");
				}));
			}
			publishers.forEach(Thread::start);
			start.countDown();
			for (Thread publisher : publishers) {
				publisher.join(10_000);
			}
			assertThat(subscription.poll(Duration.ofSeconds(1))).isEqualTo("message");
			assertThatExceptionOfType(SubscriptionOverflowException.class)
				.isThrownBy(() -> subscription.poll(Duration.ofSeconds(1)));
			assertThatExceptionOfType(SubscriptionOverflowException.class).isThrownBy(() -> take(subscription));
		}
	}

	/**
	 * Take the next message, or the end, failing the test rather than waiting more than {@link #TIMEOUT}.
	 */
	private static String take(Subscription subscription) {
		return assertTimeoutPreemptively(TIMEOUT, subscription::take);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
