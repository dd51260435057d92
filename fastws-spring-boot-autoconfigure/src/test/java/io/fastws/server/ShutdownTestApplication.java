package io.fastws.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import io.fastws.FastWsTestApplication;
import io.fastws.WebSocket;
import io.fastws.WebSocketDisconnect;
import io.fastws.annotation.Depends;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * An application whose handlers take their time to clean up, or do not return at all, for the graceful
 * shutdown tests; run in the test's JVM, or as a process of its own through {@link #main}. What the
 * handlers see is recorded in {@link ShutdownEvents} and logged, one line per event.
 */
@FastWsTestApplication
@Import(ShutdownTestApplication.ShutdownController.class)
public class ShutdownTestApplication {

	public static void main(String[] args) {
		SpringApplication.run(ShutdownTestApplication.class, args);
	}

	@Bean
	ShutdownEvents shutdownEvents() {
		return new ShutdownEvents();
	}

	@Bean
	ResourceProvider resourceProvider(ShutdownEvents events) {
		return new ResourceProvider(events);
	}

	/**
	 * What the handlers saw, in order.
	 */
	static class ShutdownEvents {

		private static final Log logger = LogFactory.getLog(ShutdownEvents.class);

		final List<String> events = new CopyOnWriteArrayList<>();

		final CountDownLatch acceptLatch = new CountDownLatch(1);

		volatile CountDownLatch pendingHandshake = new CountDownLatch(1);

		void record(String event) {
			this.events.add(event);
			logger.info("event: " + event);
		}

		long count(String event) {
			return this.events.stream().filter(event::equals).count();
		}

	}

	/**
	 * A resource a handler depends on, closed after the handler returns.
	 */
	record Resource(ShutdownEvents events) implements AutoCloseable {

		@Override
		public void close() {
			this.events.record("dependency closed");
		}

	}

	/**
	 * Provides each connection's resource.
	 */
	static class ResourceProvider {

		private final ShutdownEvents events;

		ResourceProvider(ShutdownEvents events) {
			this.events = events;
		}

		public Resource open() {
			return new Resource(this.events);
		}

	}

	@WebSocketController
	static class ShutdownController {

		private final ShutdownEvents events;

		ShutdownController(ShutdownEvents events) {
			this.events = events;
		}

		/**
		 * Echo until the client leaves; then try to say goodbye and take {@code cleanup} milliseconds to clean up.
		 */
		@WebSocketMapping("/slow-cleanup")
		void slowCleanup(WebSocket webSocket, @Depends(ResourceProvider.class) Resource resource,
				@RequestParam(defaultValue = "0") long cleanup) throws InterruptedException {
			webSocket.accept();
			webSocket.sendText("ready");
			try {
				while (true) {
					webSocket.sendText(webSocket.receiveText());
				}
			}
			catch (WebSocketDisconnect ex) {
				this.events.record("disconnect " + ex.getCode());
				try {
					webSocket.sendText("goodbye");
				}
				catch (WebSocketDisconnect goodbye) {
					this.events.record("goodbye failed with " + goodbye.getCode());
				}
			}
			finally {
				Thread.sleep(cleanup);
				this.events.record("cleaned up");
			}
		}

		/**
		 * Ignore the disconnect and wait until interrupted.
		 */
		@WebSocketMapping("/stubborn")
		void stubborn(WebSocket webSocket) {
			webSocket.accept();
			webSocket.sendText("ready");
			try {
				webSocket.receiveText();
			}
			catch (WebSocketDisconnect ex) {
				this.events.record("disconnect " + ex.getCode());
			}
			try {
				new CountDownLatch(1).await();
			}
			catch (InterruptedException ex) {
				this.events.record("interrupted");
			}
		}

		/**
		 * Say the handler started, then wait for the test before accepting.
		 */
		@WebSocketMapping("/slow-accept")
		void slowAccept(WebSocket webSocket) throws InterruptedException {
			this.events.pendingHandshake.countDown();
			this.events.acceptLatch.await();
			webSocket.accept();
		}

	}

}
