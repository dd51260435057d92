package io.fastws.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one run, and their Markdown table.
 */
final class Results {

	private final BenchmarkRunner.Options options;

	final List<Echo> echoes = new ArrayList<>();

	final List<Echo> echoesOnJava17 = new ArrayList<>();

	private final List<Echo> meterings = new ArrayList<>();

	private double recordingCost;

	private final List<String> hopNames = new ArrayList<>();

	private final List<Hop> hops = new ArrayList<>();

	final List<Scale> scales = new ArrayList<>();

	final List<String> scaleNames = new ArrayList<>();

	private String rawScale;

	private String withoutHeartbeat;

	private String withHeartbeat;

	private FanOut fanOut;

	final List<PendingHandshakes> pendingHandshakes = new ArrayList<>();

	final List<String> pendingHandshakeNames = new ArrayList<>();

	Results(BenchmarkRunner.Options options) {
		this.options = options;
	}

	record Echo(int size, int inFlight, EchoLoad.Window raw, EchoLoad.Window fastws) {

		double throughputRatio() {
			return this.fastws.messagesPerSecond() / this.raw.messagesPerSecond();
		}

		double p99Ratio() {
			return (double) this.fastws.p99() / this.raw.p99();
		}

		double cpuRatio() {
			return this.fastws.serverCpuPerMessage() / this.raw.serverCpuPerMessage();
		}

	}

	record Scale(int connections, double handshakesPerSecond, long heapPerConnection, long rssPerConnection,
			long nativePerConnection, long extraThreads, long openOnServer, long openOnClient, long fewestPings,
			String javaVersion) {

	}

	record FanOut(int clients, long p50, long p99, int rounds) {

	}

	record Hop(long p50, long p99, long p999, long sent, long received) {

	}

	record PendingHandshakes(long p50, long p99, long max, long p99Working, int requests, int upgraded,
			int upgrades) {

	}

	void echo(int size, int inFlight, EchoLoad.Window raw, EchoLoad.Window fastws) {
		this.echoes.add(new Echo(size, inFlight, raw, fastws));
	}

	void echoOnJava17(int size, int inFlight, EchoLoad.Window raw, EchoLoad.Window fastws) {
		this.echoesOnJava17.add(new Echo(size, inFlight, raw, fastws));
	}

	/**
	 * Record fastws's echo without and with a meter registry and observations.
	 */
	void metering(int size, int inFlight, EchoLoad.Window without, EchoLoad.Window with) {
		this.meterings.add(new Echo(size, inFlight, without, with));
	}

	/**
	 * Record what recording one echoed message costs in process, in nanoseconds.
	 */
	void recordingCost(double nanos) {
		this.recordingCost = nanos;
	}

	void scale(String name, Scale scale) {
		this.scaleNames.add(name);
		this.scales.add(scale);
	}

	/**
	 * Name the idle connection rows to compare: each row's heap against raw Spring's, and the heartbeat's
	 * against none.
	 */
	void compareScale(String raw, String withoutHeartbeat, String withHeartbeat) {
		this.rawScale = raw;
		this.withoutHeartbeat = withoutHeartbeat;
		this.withHeartbeat = withHeartbeat;
	}

	void fanOut(int clients, long p50, long p99, int rounds) {
		this.fanOut = new FanOut(clients, p50, p99, rounds);
	}

	void hop(String name, Hop hop) {
		this.hopNames.add(name);
		this.hops.add(hop);
	}

	void pendingHandshakes(String name, PendingHandshakes pendingHandshakes) {
		this.pendingHandshakeNames.add(name);
		this.pendingHandshakes.add(pendingHandshakes);
	}

	String toMarkdown() throws IOException {
		StringBuilder md = new StringBuilder("# Benchmark results\n\n");
		md.append("Run on ").append(LocalDate.now()).append(", ").append(machine()).append(". ");
		md.append(this.options.full() ? "Full" : this.options.smoke() ? "Smoke (figures of no worth)" : "Short")
			.append(this.options.scaleOnly() ? " scale-only" : "")
			.append(" run: `benchmarks/run.sh")
			.append(this.options.full() ? " --full" : "")
			.append(this.options.smoke() ? " --smoke" : "")
			.append(this.options.scaleOnly() ? " --scale-only" : "")
			.append(this.options.only().isEmpty() ? "" : " --only=" + String.join(",", this.options.only()))
			.append(this.options.container().equals("jetty") ? " --container=jetty" : "")
			.append("`. Server on core 0, load tool on core 1 (`taskset`). Servers, fastws's and raw Spring's, on ")
			.append(this.options.container().equals("jetty") ? "Jetty 12" : "Tomcat 11")
			.append(".\n\n");
		if (!this.echoes.isEmpty()) {
			appendEcho(md, this.echoes, this.options.java25(), "");
		}
		if (!this.echoesOnJava17.isEmpty()) {
			appendEcho(md, this.echoesOnJava17, this.options.java17(), ", platform threads");
		}
		if (!this.meterings.isEmpty()) {
			md.append("## Metering (fastws echo without a meter registry, and with a Prometheus registry and "
					+ "observations: the meters of docs/observability.md; three alternated runs each, the median by "
					+ "CPU per message)\n\n");
			md.append("| message | in flight | without msg/s | with msg/s | with / without | server CPU per message, "
					+ "without / with (µs) | CPU with / without |\n");
			md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
			for (Echo metering : this.meterings) {
				md.append(String.format("| %d B | %d | %.0f | %.0f | **%.3f** | %.2f / %.2f | **%.3f** |%n",
						metering.size(), metering.inFlight(), metering.raw().messagesPerSecond(),
						metering.fastws().messagesPerSecond(), metering.throughputRatio(),
						metering.raw().serverCpuPerMessage() / 1e3, metering.fastws().serverCpuPerMessage() / 1e3,
						metering.cpuRatio()));
			}
			md.append(String.format("%nIn process, recording one echoed message (received and sent: two counters "
					+ "and two distribution summaries of a Prometheus registry) takes **%.0f ns**.%n",
					this.recordingCost));
			md.append("\n");
		}
		if (!this.scales.isEmpty()) {
			appendScale(md);
		}
		if (this.fanOut != null) {
			md.append("\n## Fan-out (in memory)\n\n");
			md.append("One message sent to a `ConnectionGroup` of ").append(this.fanOut.clients())
				.append(" clients; the time until every client has it, over ").append(this.fanOut.rounds())
				.append(" rounds: p50 ")
				.append(String.format("%.2f ms, p99 %.2f ms.%n", this.fanOut.p50() / 1e6, this.fanOut.p99() / 1e6));
		}
		if (!this.hops.isEmpty()) {
			md.append("\n## Cross-instance hop (1,000 messages/s from a client of one instance to a client of "
					+ "another)\n\n");
			md.append("| path | p50 (ms) | p99 (ms) | p99.9 (ms) | arrived / sent |\n");
			md.append("| --- | --- | --- | --- | --- |\n");
			for (int i = 0; i < this.hops.size(); i++) {
				Hop hop = this.hops.get(i);
				md.append(String.format("| %s | %.2f | %.2f | %.2f | %d / %d |%n", this.hopNames.get(i), hop.p50() / 1e6,
						hop.p99() / 1e6, hop.p999() / 1e6, hop.received(), hop.sent()));
			}
		}
		if (!this.pendingHandshakes.isEmpty()) {
			md.append("\n## Plain GETs while handlers work before accepting\n\n");
			md.append("300 upgrade requests, all at once, whose handlers sleep 5 s before `accept()`, and meanwhile ")
				.append("a plain GET every 20 ms for 5 s, each timed from when it was due. The first and last second ")
				.append("also hold the server's work on the 300 handshakes themselves; the last column leaves them out.\n\n");
			md.append("| server | GETs | GET p50 / p99 / max (ms) | GET p99 from 1 s to 4 s (ms) | upgrades answered 101 |\n");
			md.append("| --- | --- | --- | --- | --- |\n");
			for (int i = 0; i < this.pendingHandshakes.size(); i++) {
				PendingHandshakes run = this.pendingHandshakes.get(i);
				md.append(String.format("| %s | %d | %.1f / %.1f / %.1f | %.1f | %d of %d |%n",
						this.pendingHandshakeNames.get(i), run.requests(), run.p50() / 1e6, run.p99() / 1e6,
						run.max() / 1e6, run.p99Working() / 1e6, run.upgraded(), run.upgrades()));
			}
		}
		return md.toString();
	}

	private Scale scale(String name) {
		int index = this.scaleNames.indexOf(name);
		Scale scale = (index >= 0) ? this.scales.get(index) : null;
		return (scale != null && scale.handshakesPerSecond() >= 0) ? scale : null;
	}

	private void appendEcho(StringBuilder md, List<Echo> echoes, String java, String threads) throws IOException {
		md.append("## Echo (").append(this.options.connections()).append(" connections, warm-up ")
			.append(this.options.warmUp().toSeconds()).append(" s, median of ").append(this.options.windows())
			.append(" windows of ").append(this.options.window().toSeconds()).append(" s; Java ")
			.append(javaOf(java)).append(threads).append(", ").append(containerName()).append(")\n\n");
		md.append("| message | in flight | raw msg/s | fastws msg/s | fastws / raw | server CPU per message, raw / "
				+ "fastws (µs) | CPU fastws / raw | raw p50 / p99 / p99.9 (µs) | fastws p50 / p99 / p99.9 (µs) "
				+ "| p99 fastws / raw | load tool CPU (cores) |\n");
		md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
		for (Echo echo : echoes) {
			md.append(String.format(
					"| %d B | %d | %.0f | %.0f | **%.2f** | %.1f / %.1f | **%.2f** | %s | %s | **%.2f** | %.2f / %.2f |%n",
					echo.size(), echo.inFlight(), echo.raw().messagesPerSecond(), echo.fastws().messagesPerSecond(),
					echo.throughputRatio(), echo.raw().serverCpuPerMessage() / 1e3,
					echo.fastws().serverCpuPerMessage() / 1e3, echo.cpuRatio(), micros(echo.raw()),
					micros(echo.fastws()), echo.p99Ratio(), echo.raw().loadToolCpu(), echo.fastws().loadToolCpu()));
		}
		md.append("\n");
	}

	private String containerName() {
		return this.options.container().equals("jetty") ? "Jetty" : "Tomcat";
	}

	private void appendScale(StringBuilder md) {
		md.append("## Idle connections (").append(containerName()).append(", held ")
			.append(this.options.scaleHold().toSeconds())
			.append(" s after the last handshake, then measured)\n\n");
		md.append("| server | connections | handshakes/s | heap per connection | heap / raw | RSS per connection "
				+ "| RSS − heap per connection | extra platform threads | open after the hold (server / client) "
				+ "| fewest pings per connection |\n");
		md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
		Scale raw = scale(this.rawScale);
		for (int i = 0; i < this.scales.size(); i++) {
			Scale scale = this.scales.get(i);
			if (scale.handshakesPerSecond() < 0) {
				md.append(String.format("| %s | %d | failed: %.0f connections could not be opened | | | | | | | |%n",
						this.scaleNames.get(i), scale.connections(), -scale.handshakesPerSecond()));
				continue;
			}
			md.append(String.format("| %s | %d | %.0f | %s | %s | %s | %s | %d | %d / %d | %d |%n",
					this.scaleNames.get(i), scale.connections(), scale.handshakesPerSecond(),
					kib(scale.heapPerConnection()), ratio(scale.heapPerConnection(), raw),
					kib(scale.rssPerConnection()), kib(scale.nativePerConnection()), scale.extraThreads(),
					scale.openOnServer(), scale.openOnClient(), scale.fewestPings()));
		}
		Scale without = scale(this.withoutHeartbeat);
		Scale with = scale(this.withHeartbeat);
		if (without != null && with != null) {
			md.append(String.format("%n%s against %s, same run: heap per connection **%.3f** (%+.2f KiB), "
					+ "RSS per connection **%.3f** (%+.1f KiB).%n", this.withHeartbeat, this.withoutHeartbeat,
					(double) with.heapPerConnection() / without.heapPerConnection(),
					(with.heapPerConnection() - without.heapPerConnection()) / 1024.0,
					(double) with.rssPerConnection() / without.rssPerConnection(),
					(with.rssPerConnection() - without.rssPerConnection()) / 1024.0));
		}
	}

	private static String ratio(long heapPerConnection, Scale raw) {
		return (raw != null) ? String.format("%.2f", (double) heapPerConnection / raw.heapPerConnection()) : "";
	}

	private static String micros(EchoLoad.Window window) {
		return String.format("%.0f / %.0f / %.0f", window.p50() / 1e3, window.p99() / 1e3, window.p999() / 1e3);
	}

	private static String kib(long bytes) {
		return String.format("%.1f KiB", bytes / 1024.0);
	}

	private static String javaOf(String java) {
		return java.contains("25") ? "25" : java.contains("17") ? "17" : System.getProperty("java.version");
	}

	private static String machine() throws IOException {
		String model = "unknown CPU";
		for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
			if (line.startsWith("model name")) {
				model = line.substring(line.indexOf(':') + 1).trim();
				break;
			}
		}
		return Runtime.getRuntime().availableProcessors() + " cores (" + model + ")";
	}

}
