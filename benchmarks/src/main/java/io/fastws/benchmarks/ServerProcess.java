package io.fastws.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link BenchmarkServer} in a process of its own, pinned to one core.
 */
final class ServerProcess implements AutoCloseable {

	private final Process process;

	private final int port;

	private final String description;

	private ServerProcess(Process process, int port, String description) {
		this.process = process;
		this.port = port;
		this.description = description;
	}

	/**
	 * The class path of the servers started from now on: the runner's own for Tomcat, or the one
	 * {@code run.sh} passes as {@code bench.jetty.classpath} for Jetty.
	 */
	private static String classPath = System.getProperty("java.class.path");

	/**
	 * How the name of the web server of every server started from now on must begin: {@code Tomcat} or
	 * {@code Jetty}.
	 */
	private static String webServer = "Tomcat";

	/**
	 * Start the servers from now on on the given container.
	 * @param container {@code tomcat} or {@code jetty}
	 */
	static void runOn(String container) {
		if (container.equals("jetty")) {
			String jetty = System.getProperty("bench.jetty.classpath");
			if (jetty == null) {
				throw new IllegalStateException("No Jetty class path: run the benchmarks with benchmarks/run.sh");
			}
			classPath = jetty;
			webServer = "Jetty";
		}
		else {
			classPath = System.getProperty("java.class.path");
			webServer = "Tomcat";
		}
	}

	static ServerProcess start(String java, String mode, String core, List<String> extraArguments) throws Exception {
		return start(java, mode, core, List.of(), extraArguments);
	}

	static ServerProcess start(String java, String mode, String core, List<String> jvmOptions,
			List<String> extraArguments) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<String> command = new ArrayList<>(List.of("taskset", "-c", core, java, "-Xms1g", "-Xmx2g"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", classPath, BenchmarkServer.class.getName(), "--bench.mode=" + mode,
				"--server.port=" + port));
		command.addAll(extraArguments);
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(Path.of("benchmarks", "target", "server-" + mode + "-" + port + ".log").toFile())
			.start();
		ServerProcess server = new ServerProcess(process, port, mode);
		server.awaitReady();
		return server;
	}

	int port() {
		return this.port;
	}

	long pid() {
		return this.process.pid();
	}

	URI uri(String path) {
		return URI.create("ws://127.0.0.1:" + this.port + path);
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> stats() throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/bench/stats"))
				.timeout(Duration.ofSeconds(60))
				.build(), HttpResponse.BodyHandlers.ofString());
		return JsonMapper.builder().build().readValue(response.body(), Map.class);
	}

	private void awaitReady() throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The " + this.description + " server exited with "
						+ this.process.exitValue() + "; see benchmarks/target/server-*.log");
			}
			Map<String, Object> stats;
			try {
				stats = stats();
			}
			catch (IOException ex) {
				Thread.sleep(200);
				continue;
			}
			if (!String.valueOf(stats.get("webServer")).startsWith(webServer)) {
				close();
				throw new IllegalStateException("The " + this.description + " server runs on "
						+ stats.get("webServer") + ", not on " + webServer + "; see its class path");
			}
			return;
		}
		throw new IllegalStateException("The " + this.description + " server did not start within 60 s");
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		this.process.waitFor();
	}

}
