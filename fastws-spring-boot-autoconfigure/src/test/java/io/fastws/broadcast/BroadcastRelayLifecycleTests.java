package io.fastws.broadcast;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.system.JavaVersion;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the thread of a {@link BroadcastRelay}: what it runs on, how it goes on after falling behind,
 * and how it ends with the application.
 */
@ExtendWith(OutputCaptureExtension.class)
class BroadcastRelayLifecycleTests {

	private final DefaultBroadcaster broadcaster = new DefaultBroadcaster(new InMemoryBroadcastBackend(),
			JsonMapper.builder().build(), 4);

	@BeforeEach
	void start() {
		this.broadcaster.start();
	}

	@AfterEach
	void stop() {
		this.broadcaster.stop();
	}

	@Test
	void theRelayRunsOnAVirtualThreadOnJava21AndLaterAndOnADaemonThreadBefore() {
		RecordingGroup group = new RecordingGroup("watchers", false);
		try (BroadcastRelay relay = this.broadcaster.relay("status", group)) {
			this.broadcaster.publish("status", "up");
			await().atMost(Duration.ofSeconds(10)).until(() -> group.received.contains("up"));
			assertThat(group.thread.getName()).isEqualTo("fastws-relay-status");
			assertThat(group.thread.isDaemon()).isTrue();
			assertThat(isVirtual(group.thread))
				.isEqualTo(JavaVersion.getJavaVersion().isEqualOrNewerThan(JavaVersion.TWENTY_ONE));
		}
	}

	@Test
	void aRelayThatFallsBehindLogsOneWarningAndGoesOnWithANewSubscription(CapturedOutput output)
			throws InterruptedException {
		RecordingGroup group = new RecordingGroup("gated", true);
		try (BroadcastRelay relay = this.broadcaster.relay("flood", group)) {
			this.broadcaster.publish("flood", "held");
			assertThat(group.held.await(10, TimeUnit.SECONDS)).isTrue();
			for (int i = 1; i <= 5; i++) {
				this.broadcaster.publish("flood", "queued " + i);
			}
			assertThat(this.broadcaster.subscriberCount("flood")).isZero();
			group.release.countDown();
			await().atMost(Duration.ofSeconds(10)).until(() -> this.broadcaster.subscriberCount("flood") == 1);
			this.broadcaster.publish("flood", "after");
			await().atMost(Duration.ofSeconds(10)).until(() -> group.received.contains("after"));
			assertThat(group.received).containsExactly("held", "queued 1", "queued 2", "queued 3", "queued 4",
					"after");
			assertThat(output.getAll().lines().filter((line) -> line.contains("WARN")
					&& line.contains("The relay from channel 'flood' to group 'gated' fell behind")))
				.hasSize(1);
			assertThat(relay.isRunning()).isTrue();
		}
	}

	@Test
	void stoppingTheBroadcasterStopsTheRelay() {
		BroadcastRelay relay = this.broadcaster.relay("status", new RecordingGroup("watchers", false));
		this.broadcaster.stop();
		await().atMost(Duration.ofSeconds(10)).until(() -> !relay.isRunning());
	}

	@Test
	void closingTheApplicationContextStopsTheRelay() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(BroadcastTestApplication.class)
			.web(WebApplicationType.NONE)
			.run();
		BroadcastRelay relay = context.getBean(Broadcaster.class)
			.relay("status", context.getBean(ConnectionGroups.class).group("watchers"));
		assertThat(relay.isRunning()).isTrue();
		context.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> !relay.isRunning());
	}

	private static boolean isVirtual(Thread thread) {
		try {
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (ReflectiveOperationException ex) {
			return false;
		}
	}

	/**
	 * A group without members that records what it is sent, and can hold the first message back.
	 */
	static class RecordingGroup extends ConnectionGroup {

		final List<String> received = new CopyOnWriteArrayList<>();

		final CountDownLatch held = new CountDownLatch(1);

		final CountDownLatch release;

		volatile Thread thread;

		RecordingGroup(String name, boolean holdFirst) {
			super(name, JsonMapper.builder().build());
			this.release = new CountDownLatch(holdFirst ? 1 : 0);
		}

		@Override
		public void sendText(String text) {
			this.thread = Thread.currentThread();
			this.held.countDown();
			try {
				this.release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.received.add(text);
		}

	}

}
