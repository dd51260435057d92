package io.fastws.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A redis-server of the benchmark's own, without persistence, pinned to one core.
 */
final class RedisProcess implements AutoCloseable {

	private static final Path SERVER = Path.of("/usr/bin/redis-server");

	private final Process process;

	private final int port;

	private RedisProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	static boolean isInstalled() {
		return Files.isExecutable(SERVER);
	}

	static RedisProcess start(String core) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Process process = new ProcessBuilder(List.of("taskset", "-c", core, SERVER.toString(), "--port",
				String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"))
			.redirectErrorStream(true)
			.redirectOutput(Path.of("benchmarks", "target", "redis-" + port + ".log").toFile())
			.start();
		RedisProcess redis = new RedisProcess(process, port);
		redis.awaitListening();
		return redis;
	}

	int port() {
		return this.port;
	}

	private void awaitListening() throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
				return;
			}
			catch (IOException ex) {
				Thread.sleep(100);
			}
		}
		throw new IllegalStateException("redis-server did not listen on " + this.port + " within 20 s");
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		this.process.waitFor();
	}

}
