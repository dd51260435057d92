package io.fastws.benchmarks;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The server under test: fastws ({@code --bench.mode=fastws}) or raw Spring WebSocket
 * ({@code --bench.mode=raw}), with the same Spring Boot, container (Tomcat, or Jetty on the Jetty class path)
 * and settings.
 */
@SpringBootApplication
public class BenchmarkServer {

	public static void main(String[] args) {
		SpringApplication.run(BenchmarkServer.class, args);
	}

}
