package io.fastws.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;

import com.sun.management.OperatingSystemMXBean;

/**
 * The load tool, run as its own process: {@code echo}, {@code scale}, {@code fanout}, {@code hop} or
 * {@code handshakes}
 * against a server, printing one result line that the {@link BenchmarkRunner} reads.
 */
public final class LoadTool {

	private LoadTool() {
	}

	public static void main(String[] args) throws Exception {
		URI uri = URI.create(args[1]);
		switch (args[0]) {
			case "echo" -> {
				ProcessHandle server = ProcessHandle.of(Long.parseLong(args[8]))
					.orElseThrow(() -> new IllegalArgumentException("No server process " + args[8]));
				EchoLoad.Window window = new EchoLoad(Integer.parseInt(args[3])).run(uri, server,
						Integer.parseInt(args[2]), Integer.parseInt(args[4]), Duration.ofSeconds(Long.parseLong(args[5])),
						Duration.ofSeconds(Long.parseLong(args[6])), Integer.parseInt(args[7]));
				System.out.println("RESULT " + window.messagesPerSecond() + " " + window.p50() + " " + window.p99() + " "
						+ window.p999() + " " + window.loadToolCpu() + " " + window.serverCpuPerMessage());
			}
			case "scale" -> {
				ScaleLoad load = new ScaleLoad();
				double rate = load.open(uri, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
				System.out.println("OPEN " + rate);
				System.out.flush();
				new BufferedReader(new InputStreamReader(System.in)).readLine();
				ScaleLoad.Held held = load.held();
				held.closes().forEach((code, count) -> System.out.println("closed " + code + ": " + count));
				load.close();
				System.out.println("CLOSED " + held.open() + " " + held.fewestPings() + " " + held.pings());
			}
			case "fanout" -> {
				FanOutLoad.Result result = new FanOutLoad().run(uri, Integer.parseInt(args[2]),
						Integer.parseInt(args[3]), Integer.parseInt(args[4]));
				System.out.println("RESULT " + result.p50() + " " + result.p99() + " " + result.rounds());
			}
			case "hop" -> {
				HopLoad.Result result = new HopLoad().run(uri, URI.create(args[2]), Integer.parseInt(args[3]),
						Duration.ofSeconds(Long.parseLong(args[4])), Duration.ofSeconds(Long.parseLong(args[5])));
				System.out.println("RESULT " + result.p50() + " " + result.p99() + " " + result.p999() + " "
						+ result.sent() + " " + result.received());
			}
			case "handshakes" -> {
				PendingHandshakeLoad.Result result = new PendingHandshakeLoad().run(uri, URI.create(args[2]),
						Integer.parseInt(args[3]), Duration.ofSeconds(Long.parseLong(args[4])),
						Duration.ofMillis(Long.parseLong(args[5])));
				System.out.println("RESULT " + result.p50() + " " + result.p99() + " " + result.max() + " "
						+ result.p99Working() + " " + result.requests() + " " + result.upgraded() + " "
						+ result.upgrades());
			}
			default -> throw new IllegalArgumentException("Unknown load: " + args[0]);
		}
		System.exit(0);
	}

	static long processCpuNanos() {
		return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

}
