package io.fastws.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reports the server's memory after a full garbage collection, its open echo connections and the web server
 * it runs on, for the scale benchmark and the runner's check of the container.
 */
@RestController
class StatsController {

	private final OpenConnections openConnections;

	private final WebServerApplicationContext context;

	StatsController(OpenConnections openConnections, WebServerApplicationContext context) {
		this.openConnections = openConnections;
		this.context = context;
	}

	@GetMapping("/bench/stats")
	Map<String, Object> stats() throws IOException {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		Map<String, Object> stats = new LinkedHashMap<>();
		stats.put("heapUsed", memory.getHeapMemoryUsage().getUsed());
		stats.put("heapCommitted", memory.getHeapMemoryUsage().getCommitted());
		stats.put("nonHeapUsed", memory.getNonHeapMemoryUsage().getUsed());
		stats.put("rss", residentSetSize());
		stats.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
		stats.put("openConnections", this.openConnections.count());
		stats.put("javaVersion", System.getProperty("java.version"));
		stats.put("webServer", this.context.getWebServer().getClass().getSimpleName());
		return stats;
	}

	private static long residentSetSize() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
			}
		}
		return -1;
	}

}
