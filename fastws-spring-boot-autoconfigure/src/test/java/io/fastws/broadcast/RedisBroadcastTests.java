package io.fastws.broadcast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Tests with a real Redis server for broadcasting across instances, for a Redis that is not there when the
 * instances start, for one that goes away and comes back, and for one that hangs.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisBroadcastTests {

	private static final String WARNING = "Redis cannot be reached";

	private static final String RECOVERY = "Redis is reachable again";

	private static final Duration RECONNECT_INTERVAL = Duration.ofMillis(500);

	/**
	 * Time allowed beyond the reconnect interval for connecting and subscribing again on a busy machine.
	 */
	private static final Duration MARGIN = Duration.ofMillis(1500);

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeResources() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	private WebSocketTestClient startInstance(RedisServer redis) {
		return client(startContext(redis));
	}

	private ConfigurableApplicationContext startContext(RedisServer redis) {
		return startContext(redis, Duration.ofMillis(200));
	}

	private ConfigurableApplicationContext startContext(RedisServer redis, Duration reconnectInterval) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(BroadcastTestApplication.class)
			.run("--server.port=0", "--fastws.broadcast.backend=redis", "--spring.data.redis.host=127.0.0.1",
					"--spring.data.redis.port=" + redis.port(),
					"--fastws.broadcast.redis.reconnect-interval=" + reconnectInterval.toMillis() + "ms");
		this.resources.add(context);
		return context;
	}

	private static WebSocketTestClient client(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return WebSocketTestClient.forPort(port).withReceiveTimeout(Duration.ofSeconds(10));
	}

	private Broadcaster relay(ConfigurableApplicationContext context, String channel, String group) {
		Broadcaster broadcaster = context.getBean(Broadcaster.class);
		this.resources.add(broadcaster.relay(channel, context.getBean(ConnectionGroups.class).group(group)));
		return broadcaster;
	}

	private WebSocketTestSession join(WebSocketTestClient client, String room) {
		return join(client, room, "/rooms/");
	}

	private WebSocketTestSession join(WebSocketTestClient client, String room, String prefix) {
		WebSocketTestSession session = client.connect(prefix + room);
		this.resources.add(session);
		assertThat(session.receiveText()).isEqualTo("joined " + room);
		return session;
	}

	private static String nextMessage(WebSocketTestSession session) {
		String message = session.receiveText();
		while (message.equals("probe")) {
			message = session.receiveText();
		}
		return message;
	}

	@Test
	void aClientOfOneInstanceReceivesWhatAClientOfAnotherPublished() throws Exception {
		RedisServer redis = RedisServer.shared();
		this.resources.add(redis);
		String room = "lobby-" + UUID.randomUUID();
		WebSocketTestSession first = join(startInstance(redis), room);
		WebSocketTestSession second = join(startInstance(redis), room);
		await().atMost(Duration.ofSeconds(20)).until(() -> redis.publish(room, "probe") == 2);
		second.sendText("hello from the second instance");
		second.sendText("and again");
		assertThat(nextMessage(first)).isEqualTo("hello from the second instance");
		assertThat(nextMessage(first)).isEqualTo("and again");
		assertThat(nextMessage(second)).isEqualTo("hello from the second instance");
		assertThat(nextMessage(second)).isEqualTo("and again");
		first.sendText("reply from the first");
		assertThat(nextMessage(second)).isEqualTo("reply from the first");
		assertThat(nextMessage(first)).isEqualTo("reply from the first");
	}

	@Test
	void aRelayedChannelReachesTheGroupOfEveryInstanceOnce() throws Exception {
		RedisServer redis = RedisServer.shared();
		this.resources.add(redis);
		String channel = "relayed-" + UUID.randomUUID();
		ConfigurableApplicationContext firstInstance = startContext(redis);
		ConfigurableApplicationContext secondInstance = startContext(redis);
		Broadcaster first = relay(firstInstance, channel, "members");
		Broadcaster second = relay(secondInstance, channel, "members");
		WebSocketTestSession alice = join(client(firstInstance), "members", "/groups/");
		WebSocketTestSession bob = join(client(secondInstance), "members", "/groups/");
		await().atMost(Duration.ofSeconds(20)).until(() -> redis.publish(channel, "probe") == 2);
		List<WebSocketTestSession> members = List.of(alice, bob);
		first.publish(channel, "from the first instance");
		assertEachReceivesNext(members, "from the first instance");
		second.publish(channel, "from the second instance");
		assertEachReceivesNext(members, "from the second instance");
		first.publish(channel, "again from the first instance");
		assertEachReceivesNext(members, "again from the first instance");
		redis.publish(channel, "from another Redis client");
		assertEachReceivesNext(members, "from another Redis client");
	}

	private static void assertEachReceivesNext(List<WebSocketTestSession> sessions, String message) {
		for (WebSocketTestSession session : sessions) {
			assertThat(nextMessage(session)).isEqualTo(message);
		}
	}

	@Test
	void anInstanceThatStartsWhileRedisCannotBeReachedDeliversLocallyAndReachesTheOthersOnceRedisIsUp(
			CapturedOutput output) throws Exception {
		RedisServer redis = RedisServer.onFreePort();
		this.resources.add(redis);
		ConfigurableApplicationContext firstInstance = startContext(redis);
		ConfigurableApplicationContext secondInstance = startContext(redis);
		await().atMost(Duration.ofSeconds(20)).until(() -> occurrences(output, WARNING) == 2);
		WebSocketTestSession alice = join(client(firstInstance), "harbour");
		WebSocketTestSession carol = join(client(firstInstance), "harbour");
		WebSocketTestSession bob = join(client(secondInstance), "harbour");
		alice.sendText("while Redis is down");
		assertThat(alice.receiveText()).isEqualTo("while Redis is down");
		assertThat(carol.receiveText()).isEqualTo("while Redis is down");
		redis.start();
		await().atMost(Duration.ofSeconds(60)).until(() -> occurrences(output, RECOVERY) == 2);
		await().atMost(Duration.ofSeconds(60)).until(() -> redis.publish("harbour", "probe") == 2);
		alice.sendText("through Redis");
		assertThat(nextMessage(bob)).as("the first message that reaches the other instance")
			.isEqualTo("through Redis");
		assertThat(nextMessage(alice)).isEqualTo("through Redis");
		assertThat(nextMessage(carol)).isEqualTo("through Redis");
		bob.sendText("and back");
		assertEachReceivesNext(List.of(alice, bob, carol), "and back");
		assertThat(occurrences(output, WARNING)).isEqualTo(2);
	}

	private static int occurrences(CapturedOutput output, String text) {
		return output.getAll().split(text, -1).length - 1;
	}

	@Test
	void whenRedisGoesAwayLocalDeliveryGoesOnAndTheOutageAndRecoveryAreLoggedOnce(CapturedOutput output)
			throws Exception {
		RedisServer redis = RedisServer.startOwn();
		this.resources.add(redis);
		WebSocketTestSession session = join(startInstance(redis), "ops");
		await().atMost(Duration.ofSeconds(20)).until(() -> redis.publish("ops", "probe") == 1);
		redis.stop();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(output).contains(WARNING));
		for (int i = 0; i < 5; i++) {
			session.sendText("during the outage " + i);
			assertThat(nextMessage(session)).isEqualTo("during the outage " + i);
		}
		redis.start();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(output).contains(RECOVERY));
		await().atMost(Duration.ofSeconds(60)).until(() -> redis.publish("ops", "probe") == 1);
		session.sendText("after the outage");
		assertThat(nextMessage(session)).isEqualTo("after the outage");
		assertThat(output.toString().split(WARNING, -1)).hasSize(2);
		assertThat(output.toString().split(RECOVERY, -1)).hasSize(2);
	}

	@Test
	void aSentinelSetUpFailsAtStartUpSayingThatAStandaloneRedisIsNeeded() {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(BroadcastTestApplication.class).run("--server.port=0",
					"--fastws.broadcast.backend=redis", "--spring.data.redis.sentinel.master=harbour",
					"--spring.data.redis.sentinel.nodes=127.0.0.1:1"))
			.havingRootCause()
			.withMessage("fastws.broadcast.backend=redis needs a standalone Redis, not a cluster or sentinel set-up");
	}

	@Test
	void deliveryAcrossInstancesResumesWithinTheReconnectIntervalAfterRedisRestarts(CapturedOutput output)
			throws Exception {
		RedisServer redis = RedisServer.startOwn();
		this.resources.add(redis);
		ConfigurableApplicationContext firstInstance = startContext(redis, RECONNECT_INTERVAL);
		ConfigurableApplicationContext secondInstance = startContext(redis, RECONNECT_INTERVAL);
		WebSocketTestSession alice = join(client(firstInstance), "quay");
		WebSocketTestSession bob = join(client(secondInstance), "quay");
		await().atMost(Duration.ofSeconds(20)).until(() -> redis.publish("quay", "probe") == 2);
		redis.stop();
		await().atMost(Duration.ofSeconds(5)).until(() -> occurrences(output, WARNING) == 2);
		List<RedisBroadcastBackend> backends = List.of(firstInstance.getBean(RedisBroadcastBackend.class),
				secondInstance.getBean(RedisBroadcastBackend.class));
		await().during(Duration.ofSeconds(5))
			.atMost(Duration.ofSeconds(10))
			.until(() -> backends.stream().noneMatch(RedisBroadcastBackend::isAvailable));
		redis.start();
		await().atMost(RECONNECT_INTERVAL.plus(MARGIN)).until(() -> redis.publish("quay", "probe") == 2);
		alice.sendText("after the restart");
		assertThat(nextMessage(bob)).isEqualTo("after the restart");
		assertThat(nextMessage(alice)).isEqualTo("after the restart");
		bob.sendText("and back");
		assertEachReceivesNext(List.of(alice, bob), "and back");
		assertThat(occurrences(output, WARNING)).isEqualTo(2);
		assertThat(occurrences(output, RECOVERY)).isEqualTo(2);
	}

	@Test
	void aRedisThatHangsIsNoticedWithinSecondsAndDeliveryAcrossInstancesResumesOnceItAnswersAgain(
			CapturedOutput output) throws Exception {
		RedisServer redis = RedisServer.startOwn();
		this.resources.add(redis);
		ConfigurableApplicationContext firstInstance = startContext(redis, RECONNECT_INTERVAL);
		ConfigurableApplicationContext secondInstance = startContext(redis, RECONNECT_INTERVAL);
		WebSocketTestSession alice = join(client(firstInstance), "dock");
		WebSocketTestSession carol = join(client(firstInstance), "dock");
		WebSocketTestSession bob = join(client(secondInstance), "dock");
		await().atMost(Duration.ofSeconds(20)).until(() -> redis.publish("dock", "probe") == 2);
		redis.pause();
		try {
			// a PING every second (the default) that goes unanswered for two seconds (the default timeout)
			await().atMost(Duration.ofSeconds(5)).until(() -> occurrences(output, WARNING) == 2);
			alice.sendText("while Redis hangs");
			assertThat(nextMessage(alice)).isEqualTo("while Redis hangs");
			assertThat(nextMessage(carol)).isEqualTo("while Redis hangs");
		}
		finally {
			redis.resume();
		}
		await().atMost(RECONNECT_INTERVAL.plus(MARGIN)).until(() -> redis.publish("dock", "probe") == 2);
		alice.sendText("once Redis answers again");
		assertThat(nextMessage(bob)).as("the first message that reaches the other instance")
			.isEqualTo("once Redis answers again");
		assertThat(nextMessage(alice)).isEqualTo("once Redis answers again");
		assertThat(nextMessage(carol)).isEqualTo("once Redis answers again");
		assertThat(occurrences(output, WARNING)).isEqualTo(2);
		assertThat(occurrences(output, RECOVERY)).isEqualTo(2);
	}

}
