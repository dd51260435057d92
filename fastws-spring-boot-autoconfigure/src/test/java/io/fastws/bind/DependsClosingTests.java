package io.fastws.bind;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fastws.FastWsTestApplication;
import io.fastws.WebSocket;
import io.fastws.annotation.Depends;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests over a real port for closing several {@code AutoCloseable} {@link Depends @Depends} results when a
 * connection ends: the last created first, and past one whose close fails.
 */
@SpringBootTest(classes = DependsClosingTests.ClosingApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class DependsClosingTests {

	private static final String WARNING = "WARN .*DependencyScope.*Failed to close dependency Resource\\[failing\\] of "
			+ ".*ResourcesController#resources.* for /resources";

	@LocalServerPort
	private int port;

	@Autowired
	private Events events;

	@Test
	void resultsAreClosedInReverseOrderOfCreationAndAFailingCloseIsLoggedAtWarnWithoutStoppingTheOthers(
			CapturedOutput output) {
		try (WebSocketTestSession session = WebSocketTestClient.forPort(this.port).connect("/resources")) {
			assertThat(session.receiveText()).isEqualTo("ready");
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.events.list).containsExactly("open first", "open failing",
					"open inner", "open outer", "handler returned", "close outer", "close inner", "close failing",
					"close first"));
		await().atMost(Duration.ofSeconds(10)).until(() -> count(output.getOut(), WARNING) == 1);
		assertThat(output.getOut()).contains("java.lang.IllegalStateException: the disk is on fire");
		assertThat(output.getAll()).doesNotContain("ERROR");
	}

	private static int count(String output, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(output);
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

	/**
	 * The application under test: four resource providers and a route that depends on them.
	 */
	@FastWsTestApplication
	@Import({ First.class, Failing.class, Inner.class, Outer.class })
	static class ClosingApplication {

		@Bean
		Events events() {
			return new Events();
		}

		@Bean
		ResourcesController resourcesController(Events events) {
			return new ResourcesController(events);
		}

	}

	/**
	 * What providers, resources and the handler did, in order.
	 */
	static class Events {

		final List<String> list = new CopyOnWriteArrayList<>();

	}

	/**
	 * A resource that notes its opening and closing, and may fail to close.
	 */
	static final class Resource implements AutoCloseable {

		private final String name;

		private final Events events;

		private final boolean failsToClose;

		Resource(String name, Events events, boolean failsToClose) {
			this.name = name;
			this.events = events;
			this.failsToClose = failsToClose;
			events.list.add("open " + name);
		}

		@Override
		public void close() {
			this.events.list.add("close " + this.name);
			if (this.failsToClose) {
				throw new IllegalStateException("the disk is on fire");
			}
		}

		@Override
		public String toString() {
			return "Resource[" + this.name + "]";
		}

	}

	/**
	 * Provides the resource created first.
	 */
	static class First {

		private final Events events;

		First(Events events) {
			this.events = events;
		}

		public Resource open() {
			return new Resource("first", this.events, false);
		}

	}

	/**
	 * Provides a resource that fails to close.
	 */
	static class Failing {

		private final Events events;

		Failing(Events events) {
			this.events = events;
		}

		public Resource open() {
			return new Resource("failing", this.events, true);
		}

	}

	/**
	 * Provides the resource that {@link Outer} depends on.
	 */
	static class Inner {

		private final Events events;

		Inner(Events events) {
			this.events = events;
		}

		public Resource open() {
			return new Resource("inner", this.events, false);
		}

	}

	/**
	 * Provides a resource after the one it depends on, so that creation order differs from parameter order.
	 */
	static class Outer {

		private final Events events;

		Outer(Events events) {
			this.events = events;
		}

		public Resource open(@Depends(Inner.class) Resource inner) {
			return new Resource("outer", this.events, false);
		}

	}

	/**
	 * Holds a connection open on four resources.
	 */
	@WebSocketController
	static class ResourcesController {

		private final Events events;

		ResourcesController(Events events) {
			this.events = events;
		}

		@WebSocketMapping("/resources")
		void resources(WebSocket webSocket, @Depends(First.class) Resource first,
				@Depends(Failing.class) Resource failing, @Depends(Outer.class) Resource outer) {
			webSocket.accept();
			webSocket.sendText("ready");
			try {
				webSocket.receiveText();
			}
			finally {
				this.events.list.add("handler returned");
			}
		}

	}

}
