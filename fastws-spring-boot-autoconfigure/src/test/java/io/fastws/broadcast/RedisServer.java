package io.fastws.broadcast;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real {@code redis-server} process on a free loopback port, for tests; or, when the environment
 * variable {@code FASTWS_TEST_REDIS_PORT} names one, the server already running there.
 */
public final class RedisServer implements AutoCloseable {

	private static final File REDIS_SERVER = new File("/usr/bin/redis-server");

	private final int port;

	private Process process;

	private boolean paused;

	private RedisServer(int port) {
		this.port = port;
	}

	/**
	 * Return the server named by {@code FASTWS_TEST_REDIS_PORT}, or start one.
	 * @return the server
	 */
	static RedisServer shared() throws IOException {
		String port = System.getenv("FASTWS_TEST_REDIS_PORT");
		if (port != null && !port.isBlank()) {
			RedisServer server = new RedisServer(Integer.parseInt(port.trim()));
			server.awaitReady();
			return server;
		}
		return startOwn();
	}

	/**
	 * Start a server of this test's own, which it may stop and start again.
	 * @return the server
	 */
	public static RedisServer startOwn() throws IOException {
		RedisServer server = onFreePort();
		server.start();
		return server;
	}

	/**
	 * Return a server of this test's own on a free port, not started yet: until {@link #start()}, nothing
	 * listens on its port.
	 * @return the server
	 */
	static RedisServer onFreePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return new RedisServer(socket.getLocalPort());
		}
	}

	public int port() {
		return this.port;
	}

	public void start() throws IOException {
		assertThat(REDIS_SERVER).as("redis-server (apt-get install redis-server, or run bash .ci/run)").canRead();
		this.process = new ProcessBuilder(List.of(REDIS_SERVER.getPath(), "--port", String.valueOf(this.port),
				"--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no"))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		awaitReady();
	}

	public void stop() throws InterruptedException, IOException {
		if (this.process != null) {
			resume();
			this.process.destroy();
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			this.process = null;
		}
	}

	/**
	 * Freeze the server as a hung Redis would be ({@code SIGSTOP}): its connections stay open, it accepts new
	 * ones, and it answers nothing until {@link #resume()}.
	 */
	void pause() throws IOException, InterruptedException {
		assertThat(this.process).as("a server of this test's own, started").isNotNull();
		signal("STOP");
		this.paused = true;
	}

	/**
	 * Let a server frozen by {@link #pause()} go on ({@code SIGCONT}); nothing happens if it is not frozen.
	 */
	void resume() throws IOException, InterruptedException {
		if (this.paused) {
			signal("CONT");
			this.paused = false;
		}
	}

	private void signal(String signal) throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(this.process.pid()))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		assertThat(kill.waitFor(10, TimeUnit.SECONDS)).as("kill -" + signal + " ended").isTrue();
		assertThat(kill.exitValue()).as("exit status of kill -" + signal).isZero();
	}

	/**
	 * Publish a message as any Redis client would, with no fastws envelope.
	 * @param channel the channel
	 * @param message the message
	 * @return how many subscribers received it
	 */
	long publish(String channel, String message) throws IOException {
		String reply = command("PUBLISH", channel, message);
		return Long.parseLong(reply.substring(1).trim());
	}

	private void awaitReady() {
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> command("PING").startsWith("+PONG"));
	}

	private String command(String... arguments) throws IOException {
		StringBuilder request = new StringBuilder("*").append(arguments.length).append("\r\n");
		for (String argument : arguments) {
			byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
			request.append('$').append(bytes.length).append("\r\n").append(argument).append("\r\n");
		}
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(5000);
			OutputStream output = socket.getOutputStream();
			output.write(request.toString().getBytes(StandardCharsets.UTF_8));
			output.flush();
			InputStream input = socket.getInputStream();
			StringBuilder reply = new StringBuilder();
			for (int c = input.read(); c != -1 && c != '\n'; c = input.read()) {
				reply.append((char) c);
			}
			return reply.toString();
		}
	}

	@Override
	public void close() throws InterruptedException, IOException {
		stop();
	}

}
