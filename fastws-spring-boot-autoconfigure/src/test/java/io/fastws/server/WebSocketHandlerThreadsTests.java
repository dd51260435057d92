package io.fastws.server;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.system.JavaVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests over a real port for the threads that run handlers with the default {@code fastws.threads=auto}.
 */
@SpringBootTest(classes = RoutingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "fastws.thread-pool.keep-alive=200ms")
class WebSocketHandlerThreadsTests {

	private static final boolean VIRTUAL_THREADS_AVAILABLE = JavaVersion.getJavaVersion()
		.isEqualOrNewerThan(JavaVersion.TWENTY_ONE);

	@LocalServerPort
	private int port;

	@Autowired
	private WebSocketHandlerExecutor executor;

	@Test
	void handlersRunOnVirtualThreadsFromJava21AndOnThePlatformPoolBefore() {
		try (WebSocketTestSession session = WebSocketTestClient.forPort(this.port).connect("/handler-thread")) {
			assertThat(session.receiveText())
				.matches("fastws-handler-\\d+ " + (VIRTUAL_THREADS_AVAILABLE ? "virtual" : "platform"));
		}
	}

	@Test
	void afterAThousandConnectAndDisconnectCyclesNoHandlerThreadIsLeft() throws Exception {
		WebSocketTestClient client = WebSocketTestClient.forPort(this.port);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.executor.getActiveCount() == 0);
		Set<String> before = handlerThreads();
		try (WebSocketTestSession session = client.connect("/echo")) {
			session.sendText("are you there?");
			assertThat(session.receiveText()).isEqualTo("Message text was: are you there?");
			assertThat(liveThreads()).filteredOn(LiveThread::runsFastWs)
				.as("the threads running fastws handlers while a connection to /echo is open")
				.anyMatch((thread) -> thread.runs(RoutingTestApplication.OutcomesController.class.getName() + ".echo"));
		}
		for (int i = 0; i < 1000; i++) {
			try (WebSocketTestSession session = client.connect("/echo")) {
				session.sendText("cycle " + i);
				assertThat(session.receiveText()).isEqualTo("Message text was: cycle " + i);
			}
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.executor.getActiveCount()).isZero();
			assertThat(handlerThreads()).as("the threads running fastws handlers").isSubsetOf(before);
		});
	}

	/**
	 * Return the live threads that run fastws handlers or writers, each as its name and id.
	 */
	private static Set<String> handlerThreads() throws Exception {
		return liveThreads().filter(LiveThread::runsFastWs)
			.map((thread) -> thread.name() + " #" + thread.id())
			.collect(Collectors.toSet());
	}

	/**
	 * Return the live threads, virtual threads included.
	 */
	private static Stream<LiveThread> liveThreads() throws Exception {
		return VIRTUAL_THREADS_AVAILABLE ? threadsInThreadDump() : platformThreads();
	}

	private static Stream<LiveThread> platformThreads() {
		return Thread.getAllStackTraces()
			.entrySet()
			.stream()
			.map((entry) -> new LiveThread(String.valueOf(entry.getKey().getId()), entry.getKey().getName(),
					Stream.of(entry.getValue()).map(StackTraceElement::toString).toList()));
	}

	/**
	 * Read the threads from a JSON thread dump, which, unlike {@link Thread#getAllStackTraces()}, lists virtual
	 * threads. {@code HotSpotDiagnosticMXBean.dumpThreads} is Java 21 API, called reflectively since the tests
	 * compile for Java 17.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Stream<LiveThread> threadsInThreadDump() throws Exception {
		Path file = Files.createTempFile("fastws-threads-", ".json");
		Files.delete(file);
		Class<? extends Enum> format = (Class<? extends Enum>) Class
			.forName(HotSpotDiagnosticMXBean.class.getName() + "$ThreadDumpFormat");
		Method dumpThreads = HotSpotDiagnosticMXBean.class.getMethod("dumpThreads", String.class, format);
		dumpThreads.invoke(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class),
				file.toAbsolutePath().toString(), Enum.valueOf(format, "JSON"));
		JsonNode dump;
		try {
			dump = JsonMapper.shared().readTree(file.toFile());
		}
		finally {
			Files.deleteIfExists(file);
		}
		return dump.path("threadDump")
			.path("threadContainers")
			.valueStream()
			.flatMap((container) -> container.path("threads").valueStream())
			.map((thread) -> new LiveThread(thread.path("tid").asString(), thread.path("name").asString(),
					thread.path("stack").valueStream().map(JsonNode::asString).toList()));
	}

	/**
	 * A live thread, with its stack as {@link StackTraceElement#toString()} writes it.
	 */
	private record LiveThread(String id, String name, List<String> stack) {

		/**
		 * Return whether this thread runs a fastws handler or writer, as its name or its stack shows.
		 */
		boolean runsFastWs() {
			return this.name.startsWith("fastws-handler-") || this.name.startsWith("fastws-writer-")
					|| runs(WebSocketHandlerExecutor.class.getName() + ".")
					|| runs(WebSocketConnectionTask.class.getName() + ".");
		}

		boolean runs(String method) {
			return this.stack.stream().anyMatch((frame) -> frame.contains(method));
		}

	}

}
