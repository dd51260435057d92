package io.fastws.server;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of the graceful shutdown of a real application process that gets SIGTERM, as a container
 * orchestrator sends it: the JVM exits only once every handler has cleaned up.
 */
class GracefulShutdownProcessTests {

	private static final Pattern STARTED = Pattern.compile("(?:Tomcat|Jetty) started on port (\\d+)");

	private static final int CLIENTS = 50;

	private final List<String> output = new CopyOnWriteArrayList<>();

	private Process process;

	@AfterEach
	void killProcess() {
		if (this.process != null) {
			this.process.destroyForcibly();
		}
	}

	@Test
	void onSigtermEveryClientGets1012AndTheJvmExitsOnlyAfterEveryHandlerAndDependencyCleanedUp()
			throws Exception {
		int port = startApplication();
		WebSocketTestClient client = WebSocketTestClient.forPort(port).withReceiveTimeout(Duration.ofSeconds(30));
		List<WebSocketTestSession> sessions = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			WebSocketTestSession session = client.request("/slow-cleanup").queryParam("cleanup", "2000").connect();
			assertThat(session.receiveText()).isEqualTo("ready");
			sessions.add(session);
		}
		// SIGTERM, leaving the output open; Process.destroy() would close it
		this.process.toHandle().destroy();
		for (WebSocketTestSession session : sessions) {
			assertThat(session.awaitClose().code()).isEqualTo(1012);
		}
		assertThat(this.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(this.process.exitValue()).isEqualTo(143);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(count("event: disconnect 1012")).isEqualTo(CLIENTS);
			assertThat(count("event: goodbye failed with 1012")).isEqualTo(CLIENTS);
			assertThat(count("event: cleaned up")).isEqualTo(CLIENTS);
			assertThat(count("event: dependency closed")).isEqualTo(CLIENTS);
		});
	}

	private long count(String event) {
		return this.output.stream().filter((line) -> line.endsWith(event)).count();
	}

	private int startApplication() throws IOException {
		String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		this.process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				ShutdownTestApplication.class.getName(), "--server.port=0", "--spring.main.banner-mode=off")
			.redirectErrorStream(true)
			.start();
		Thread reader = new Thread(this::readOutput, "application-output");
		reader.setDaemon(true);
		reader.start();
		await("the application to start").atMost(Duration.ofSeconds(60))
			.until(() -> this.output.stream().anyMatch((line) -> STARTED.matcher(line).find())
					|| !this.process.isAlive());
		return this.output.stream()
			.map(STARTED::matcher)
			.filter(Matcher::find)
			.map((matcher) -> Integer.parseInt(matcher.group(1)))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("The application did not start:\n" + String.join("\n", this.output)));
	}

	private void readOutput() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				this.output.add(line);
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

}
