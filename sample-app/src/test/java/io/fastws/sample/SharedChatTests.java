package io.fastws.sample;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the sample in the {@code shared} profile share one chat through a real Redis server of
 * the test's own.
 */
class SharedChatTests {

	private final List<AutoCloseable> resources = new ArrayList<>();

	private int redisPort;

	@AfterEach
	void closeResources() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void clientsOfTwoInstancesChatTogether() throws Exception {
		startRedis();
		WebSocketTestClient first = startInstance();
		WebSocketTestClient second = startInstance();
		WebSocketTestSession alice = connect(first, "/ws/1");
		WebSocketTestSession bob = connect(second, "/ws/2");
		await().atMost(Duration.ofSeconds(20)).until(() -> redis("PUBSUB", "NUMSUB", "chat").endsWith("2"));
		alice.sendText("Hello from the first instance");
		assertThat(alice.receiveText()).isEqualTo("You wrote: Hello from the first instance");
		assertThat(alice.receiveText()).isEqualTo("Client #1 says: Hello from the first instance");
		assertThat(bob.receiveText()).isEqualTo("Client #1 says: Hello from the first instance");
		bob.close();
		assertThat(alice.receiveText()).isEqualTo("Client #2 left the chat");
	}

	private WebSocketTestSession connect(WebSocketTestClient client, String path) {
		WebSocketTestSession session = client.connect(path);
		this.resources.add(session);
		return session;
	}

	private WebSocketTestClient startInstance() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.profiles("shared")
			.run("--server.port=0", "--spring.data.redis.port=" + this.redisPort, "--spring.data.redis.host=127.0.0.1",
					"--fastws.broadcast.redis.reconnect-interval=200ms");
		this.resources.add(context);
		return WebSocketTestClient.forPort(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	/**
	 * Start a redis-server of this test's own: the sample's chat channel is always {@code chat}, and Redis
	 * pub/sub channels are shared by every client of a server whatever its database, so on a server shared
	 * with other builds (such as the one {@code FASTWS_TEST_REDIS_PORT} names) another run of this test would
	 * receive this run's messages and count as a subscriber.
	 */
	private void startRedis() throws IOException {
		assertThat(new File("/usr/bin/redis-server")).as("redis-server (apt-get install redis-server)").canRead();
		try (ServerSocket socket = new ServerSocket(0)) {
			this.redisPort = socket.getLocalPort();
		}
		Process redis = new ProcessBuilder("redis-server", "--port", String.valueOf(this.redisPort), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no")
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectErrorStream(true)
			.start();
		this.resources.add(() -> {
			redis.destroy();
			if (!redis.waitFor(10, TimeUnit.SECONDS)) {
				redis.destroyForcibly();
			}
		});
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> redis("PING").equals("PONG"));
	}

	private String redis(String... command) throws IOException, InterruptedException {
		List<String> arguments = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(this.redisPort)));
		arguments.addAll(List.of(command));
		Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
		if (!process.waitFor(10, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("redis-cli " + String.join(" ", command) + " did not end within 10 seconds");
		}
		return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
	}

}
