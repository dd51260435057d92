package io.fastws.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Runs every benchmark and writes {@code benchmarks/results/latest.md} and {@code latest.png}.
 *
 * <p>Each server runs pinned to core 0 and each load tool to core 1. Options: {@code --full} for the long
 * version (15,000 connections, longer windows), {@code --scale-only} for the idle connections alone,
 * {@code --only=echo,metering,scale,fanout,hop,handshakes} for some of them (printed, not written),
 * {@code --container=jetty} to run the servers, fastws's and raw Spring's alike, on Jetty rather than Tomcat,
 * {@code --smoke} for a check of the harness in about a second per case (few connections; printed, not written),
 * {@code --java17=PATH} and {@code --java25=PATH} for the JDKs of the scale runs.
 */
public final class BenchmarkRunner {

	private static final String SERVER_CORE = "0";

	private static final String LOAD_CORE = "1";

	/**
	 * The system property that sizes each of Tomcat's WebSocket connections' input, output and encoder buffers
	 * (8 KiB by default), read once, when Tomcat's WebSocket classes are loaded.
	 */
	private static final String TOMCAT_BUFFER_SIZE = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	private static final int METERING_ROUNDS = 3;

	private BenchmarkRunner() {
	}

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		ServerProcess.runOn(options.container());
		Results results = new Results(options);
		if (!options.only().isEmpty() || options.smoke()) {
			runOnly(options, results);
			return;
		}
		if (!options.scaleOnly()) {
			runEcho(options, results);
			runMetering(options, results);
		}
		runScale(options, results);
		if (!options.scaleOnly()) {
			runFanOut(options, results);
			runHop(options, results);
			runPendingHandshakes(options, results);
		}
		Path directory = Path.of("benchmarks", "results");
		Files.createDirectories(directory);
		Files.writeString(directory.resolve("latest.md"), results.toMarkdown());
		if (!results.echoes.isEmpty()) {
			Chart.write(results, directory.resolve("latest.png"));
		}
		System.out.println(results.toMarkdown());
	}

	private static void runOnly(Options options, Results results) throws Exception {
		List<String> names = options.only();
		if (names.isEmpty()) {
			names = options.scaleOnly() ? List.of("scale")
					: List.of("echo", "metering", "scale", "fanout", "hop", "handshakes");
		}
		for (String name : names) {
			switch (name) {
				case "echo" -> runEcho(options, results);
				case "metering" -> runMetering(options, results);
				case "scale" -> runScale(options, results);
				case "fanout" -> runFanOut(options, results);
				case "hop" -> runHop(options, results);
				case "handshakes" -> runPendingHandshakes(options, results);
				default -> throw new IllegalArgumentException("Unknown benchmark '" + name
						+ "': use echo, metering, scale, fanout, hop or handshakes");
			}
		}
		System.out.println(results.toMarkdown());
	}

	private static void runEcho(Options options, Results results) throws Exception {
		echoOn(options.java25(), options, results::echo);
		if (options.java17() != null) {
			// fastws's handlers on platform threads, as on every Java before 21
			echoOn(options.java17(), options, results::echoOnJava17);
		}
	}

	private static void echoOn(String java, Options options, EchoResults results) throws Exception {
		try (ServerProcess raw = ServerProcess.start(java, "raw", SERVER_CORE, List.of());
				ServerProcess fastws = ServerProcess.start(java, "fastws", SERVER_CORE, List.of())) {
			for (int size : new int[] { 32, 4096 }) {
				for (int inFlight : new int[] { 1, 8 }) {
					EchoLoad.Window rawResult = echo(raw, size, inFlight, options);
					EchoLoad.Window fastwsResult = echo(fastws, size, inFlight, options);
					results.add(size, inFlight, rawResult, fastwsResult);
					System.err.printf("echo %d B x %d on %s, %s: raw %.0f/s, fastws %.0f/s%n", size, inFlight,
							options.container(), java, rawResult.messagesPerSecond(),
							fastwsResult.messagesPerSecond());
				}
			}
		}
	}

	/**
	 * Where the results of one echo run go.
	 */
	@FunctionalInterface
	private interface EchoResults {

		void add(int size, int inFlight, EchoLoad.Window raw, EchoLoad.Window fastws);

	}

	private static void runMetering(Options options, Results results) throws Exception {
		String java = options.java25();
		try (ServerProcess plain = ServerProcess.start(java, "fastws", SERVER_CORE, List.of());
				ServerProcess metered = ServerProcess.start(java, "fastws", SERVER_CORE,
						List.of("--bench.metrics=true"))) {
			for (int inFlight : new int[] { 1, 8 }) {
				// alternated, so that a burst of noise on this shared machine does not land on one side only
				List<EchoLoad.Window> plainRounds = new ArrayList<>();
				List<EchoLoad.Window> meteredRounds = new ArrayList<>();
				for (int round = 0; round < METERING_ROUNDS; round++) {
					plainRounds.add(echo(plain, 32, inFlight, options));
					meteredRounds.add(echo(metered, 32, inFlight, options));
				}
				EchoLoad.Window plainResult = medianByCpu(plainRounds);
				EchoLoad.Window meteredResult = medianByCpu(meteredRounds);
				results.metering(32, inFlight, plainResult, meteredResult);
				System.err.printf("metering 32 B x %d: without %.0f/s, with %.0f/s%n", inFlight,
						plainResult.messagesPerSecond(), meteredResult.messagesPerSecond());
			}
		}
		results.recordingCost(RecordingCost.nanosPerEchoedMessage());
	}

	private static EchoLoad.Window medianByCpu(List<EchoLoad.Window> rounds) {
		List<EchoLoad.Window> sorted = new ArrayList<>(rounds);
		sorted.sort(Comparator.comparingDouble(EchoLoad.Window::serverCpuPerMessage));
		return sorted.get(sorted.size() / 2);
	}

	private static EchoLoad.Window echo(ServerProcess server, int size, int inFlight, Options options) throws Exception {
		try (LoadProcess load = LoadProcess.start(LOAD_CORE, "echo", server.uri("/echo").toString(),
				String.valueOf(options.connections()), String.valueOf(size), String.valueOf(inFlight),
				String.valueOf(options.warmUp().toSeconds()), String.valueOf(options.window().toSeconds()),
				String.valueOf(options.windows()), String.valueOf(server.pid()))) {
			String[] result = load.await("RESULT");
			return new EchoLoad.Window(Double.parseDouble(result[0]), Long.parseLong(result[1]),
					Long.parseLong(result[2]), Long.parseLong(result[3]), Double.parseDouble(result[4]),
					Double.parseDouble(result[5]));
		}
	}

	private static void runScale(Options options, Results results) throws Exception {
		String java25 = options.java25();
		ScaleRun raw = new ScaleRun("raw Spring, Java 25", "raw", java25, List.of(), List.of());
		ScaleRun withoutHeartbeat = new ScaleRun("fastws, Java 25, no heartbeat", "fastws", java25, List.of(),
				List.of("--fastws.ping-interval=0"));
		List<String> heartbeat = List.of("--fastws.ping-interval=2s", "--fastws.ping-timeout=2s");
		ScaleRun withHeartbeat = new ScaleRun("fastws, Java 25, ping every 2 s", "fastws", java25, List.of(),
				heartbeat);
		List<ScaleRun> runs = new ArrayList<>();
		runs.add(raw);
		runs.add(new ScaleRun("fastws, Java 25, virtual threads", "fastws", java25, List.of(), List.of()));
		runs.add(withoutHeartbeat);
		runs.add(withHeartbeat);
		if (!options.container().equals("jetty")) {
			// Tomcat's other per-connection buffers, which fastws leaves at 8 KiB: see docs/production.md
			List<String> smallBuffers = List.of("-D" + TOMCAT_BUFFER_SIZE + "=2048");
			List<String> smallSocketBuffers = List.of("--bench.tomcat-socket-buffer=2048");
			runs.add(new ScaleRun("raw Spring, Java 25, 2 KiB Tomcat buffers", "raw", java25, smallBuffers,
					smallSocketBuffers));
			List<String> withSmallBuffers = new ArrayList<>(heartbeat);
			withSmallBuffers.addAll(smallSocketBuffers);
			runs.add(new ScaleRun("fastws, Java 25, ping every 2 s, 2 KiB Tomcat buffers", "fastws", java25,
					smallBuffers, withSmallBuffers));
		}
		if (options.java17() != null) {
			runs.add(new ScaleRun("fastws, Java 17, platform threads", "fastws", options.java17(), List.of(),
					List.of()));
		}
		for (ScaleRun run : runs) {
			results.scale(run.name(), scale(run, options));
		}
		results.compareScale(raw.name(), withoutHeartbeat.name(), withHeartbeat.name());
	}

	private static Results.Scale scale(ScaleRun run, Options options) throws Exception {
		int connections = options.scaleConnections();
		List<String> arguments = new ArrayList<>(
				List.of("--fastws.threads=auto", "--fastws.thread-pool.max-size=" + (connections + 100)));
		arguments.addAll(run.arguments());
		try (ServerProcess server = ServerProcess.start(run.java(), run.mode(), SERVER_CORE, run.jvmOptions(),
				arguments)) {
			Map<String, Object> before = server.stats();
			try (LoadProcess load = LoadProcess.start(LOAD_CORE, "scale", server.uri("/echo").toString(),
					String.valueOf(connections), "100")) {
				double rate = Double.parseDouble(load.await("OPEN")[0]);
				if (rate < 0) {
					return new Results.Scale(connections, rate, 0, 0, 0, 0, 0, 0, 0,
							(String) before.get("javaVersion"));
				}
				Thread.sleep(options.scaleHold().toMillis());
				Map<String, Object> after = server.stats();
				load.tell("close");
				String[] held = load.await("CLOSED");
				long heap = number(after, "heapUsed") - number(before, "heapUsed");
				long rss = number(after, "rss") - number(before, "rss");
				long threads = number(after, "threads") - number(before, "threads");
				return new Results.Scale(connections, rate, heap / connections, rss / connections,
						(rss - heap) / connections, threads, number(after, "openConnections"),
						Long.parseLong(held[0]), Long.parseLong(held[1]), (String) after.get("javaVersion"));
			}
		}
	}

	private static void runFanOut(Options options, Results results) throws Exception {
		try (ServerProcess server = ServerProcess.start(options.java25(), "fastws", SERVER_CORE, List.of());
				LoadProcess load = LoadProcess.start(LOAD_CORE, "fanout", server.uri("/fanout").toString(),
						String.valueOf(options.fanOutClients()), "5", String.valueOf(options.fanOutRounds()))) {
			String[] result = load.await("RESULT");
			results.fanOut(options.fanOutClients(), Long.parseLong(result[0]), Long.parseLong(result[1]),
					Integer.parseInt(result[2]));
		}
	}

	private static void runHop(Options options, Results results) throws Exception {
		String java = options.java25();
		try (ServerProcess server = ServerProcess.start(java, "fastws", SERVER_CORE, List.of())) {
			results.hop("one instance, in memory", hop(server, server, options));
		}
		if (!RedisProcess.isInstalled()) {
			System.err.println("hop through Redis: skipped, redis-server is not installed");
			return;
		}
		try (RedisProcess redis = RedisProcess.start(LOAD_CORE)) {
			List<String> arguments = List.of("--fastws.broadcast.backend=redis", "--spring.data.redis.host=127.0.0.1",
					"--spring.data.redis.port=" + redis.port());
			try (ServerProcess publishing = ServerProcess.start(java, "fastws", SERVER_CORE, arguments);
					ServerProcess subscribed = ServerProcess.start(java, "fastws", SERVER_CORE, arguments)) {
				results.hop("two instances, through Redis", hop(publishing, subscribed, options));
			}
		}
	}

	private static Results.Hop hop(ServerProcess publishing, ServerProcess subscribed, Options options)
			throws Exception {
		try (LoadProcess load = LoadProcess.start(LOAD_CORE, "hop", publishing.uri("/hop").toString(),
				subscribed.uri("/hop").toString(), "1000", "10", String.valueOf(options.hopSeconds()))) {
			String[] result = load.await("RESULT");
			return new Results.Hop(Long.parseLong(result[0]), Long.parseLong(result[1]), Long.parseLong(result[2]),
					Long.parseLong(result[3]), Long.parseLong(result[4]));
		}
	}

	private static void runPendingHandshakes(Options options, Results results) throws Exception {
		List<String[]> configurations = new ArrayList<>();
		configurations.add(new String[] { options.java25(), "fastws, Java 25, virtual threads" });
		if (options.java17() != null) {
			configurations.add(new String[] { options.java17(), "fastws, Java 17, platform threads" });
		}
		for (String[] configuration : configurations) {
			try (ServerProcess server = ServerProcess.start(configuration[0], "fastws", SERVER_CORE, List.of());
					LoadProcess load = LoadProcess.start(LOAD_CORE, "handshakes",
							server.uri("/work-then-accept").toString(),
							"http://127.0.0.1:" + server.port() + "/bench/page", "300", "5", "20")) {
				String[] result = load.await("RESULT");
				results.pendingHandshakes(configuration[1],
						new Results.PendingHandshakes(Long.parseLong(result[0]), Long.parseLong(result[1]),
								Long.parseLong(result[2]), Long.parseLong(result[3]), Integer.parseInt(result[4]),
								Integer.parseInt(result[5]), Integer.parseInt(result[6])));
			}
		}
	}

	private static long number(Map<String, Object> stats, String key) {
		return ((Number) stats.get(key)).longValue();
	}

	/**
	 * One row of the idle connection table: a server and the settings it runs with, as options of its JVM
	 * and as arguments of the application.
	 */
	record ScaleRun(String name, String mode, String java, List<String> jvmOptions, List<String> arguments) {

	}

	/**
	 * What to run.
	 */
	record Options(boolean full, boolean smoke, boolean scaleOnly, List<String> only, String container, String java17,
			String java25, int connections, Duration warmUp, Duration window, int windows, int scaleConnections,
			Duration scaleHold, int fanOutClients, int fanOutRounds, int hopSeconds) {

		static Options parse(String[] args) {
			boolean full = false;
			boolean smoke = false;
			boolean scaleOnly = false;
			List<String> only = List.of();
			String container = "tomcat";
			String java17 = existing("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
			String java25 = existing("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
			for (String arg : args) {
				if (arg.equals("--full")) {
					full = true;
				}
				else if (arg.equals("--smoke")) {
					smoke = true;
				}
				else if (arg.equals("--scale-only")) {
					scaleOnly = true;
				}
				else if (arg.startsWith("--only=")) {
					only = List.of(arg.substring(7).split(","));
				}
				else if (arg.startsWith("--container=")) {
					container = arg.substring(12);
					if (!container.equals("tomcat") && !container.equals("jetty")) {
						throw new IllegalArgumentException("Unknown container '" + container + "': use tomcat or jetty");
					}
				}
				else if (arg.startsWith("--java17=")) {
					java17 = arg.substring(9);
				}
				else if (arg.startsWith("--java25=")) {
					java25 = arg.substring(9);
				}
			}
			if (java25 == null) {
				java25 = ProcessHandle.current().info().command().orElse("java");
			}
			if (full && smoke) {
				throw new IllegalArgumentException("--full and --smoke exclude each other");
			}
			if (smoke) {
				// figures of no worth: only that every part runs, on the container asked for
				return new Options(false, true, scaleOnly, only, container, java17, java25, 4, Duration.ofSeconds(1),
						Duration.ofSeconds(1), 1, 100, Duration.ofSeconds(2), 20, 3, 2);
			}
			return full
					? new Options(true, false, scaleOnly, only, container, java17, java25, 50, Duration.ofSeconds(10), Duration.ofSeconds(5), 5,
							15_000, Duration.ofSeconds(10), 1000, 100, 30)
					: new Options(false, false, scaleOnly, only, container, java17, java25, 50, Duration.ofSeconds(4), Duration.ofSeconds(2), 5,
							5_000, Duration.ofSeconds(10), 1000, 30, 10);
		}

		private static String existing(String path) {
			return Files.isExecutable(Path.of(path)) ? path : null;
		}

	}

}
