package io.fastws.server;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fastws.FastWsTestApplication;
import io.fastws.WebSocket;
import io.fastws.WebSocketDisconnect;
import io.fastws.WebSocketException;
import io.fastws.WebSocketNotConnectedException;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application with one route per outcome of a connection, for the routing tests.
 */
@FastWsTestApplication
@Import({ RoutingTestApplication.OutcomesController.class, RoutingTestApplication.PageController.class,
		RoutingTestApplication.ThreadController.class })
class RoutingTestApplication {

	@Bean
	HandlerEvents handlerEvents() {
		return new HandlerEvents();
	}

	/**
	 * What handlers saw, for tests to assert on.
	 */
	static class HandlerEvents {

		final List<String> events = new CopyOnWriteArrayList<>();

		volatile CountDownLatch release = new CountDownLatch(1);

		void reset() {
			this.events.clear();
			this.release = new CountDownLatch(1);
		}

	}

	@RestController
	static class PageController {

		@GetMapping("/echo")
		String page() {
			return "the echo page";
		}

	}

	@WebSocketController
	static class OutcomesController {

		static final String SLOW_CLIENT_MESSAGE = "x".repeat(1000);

		private final HandlerEvents handlerEvents;

		OutcomesController(HandlerEvents handlerEvents) {
			this.handlerEvents = handlerEvents;
		}

		@WebSocketMapping("/echo")
		void echo(WebSocket webSocket) {
			webSocket.accept();
			for (String text : webSocket.iterText()) {
				webSocket.sendText("Message text was: " + text);
			}
		}

		@WebSocketMapping("/items/{itemId}/ws")
		void item(WebSocket webSocket) {
			webSocket.accept();
			webSocket.sendText("item " + webSocket.pathParams().get("itemId") + " q=" + webSocket.queryParams().get("q"));
			webSocket.receiveText();
		}

		@WebSocketMapping("/items/special/ws")
		void specialItem(WebSocket webSocket) {
			webSocket.accept();
			webSocket.sendText("special");
			webSocket.receiveText();
		}

		@WebSocketMapping("/subprotocol")
		void subprotocol(WebSocket webSocket) {
			webSocket.accept("wamp", Map.of("X-Extra", "1"));
			webSocket.sendText("offered " + webSocket.subprotocols());
			webSocket.receiveText();
		}

		@WebSocketMapping("/reject")
		void reject(WebSocket webSocket) {
			webSocket.close(4000, "denied");
		}

		@WebSocketMapping("/reject-with-exception")
		void rejectWithException(WebSocket webSocket) {
			throw new WebSocketException(1008, "no credentials");
		}

		@WebSocketMapping("/deny")
		void deny(WebSocket webSocket) {
			webSocket.sendDenialResponse(418, Map.of("X-Reason", "teapot"), "nope");
		}

		@WebSocketMapping("/crash-before-accept")
		void crashBeforeAccept(WebSocket webSocket) {
			throw new IllegalStateException("boom before accept");
		}

		@WebSocketMapping("/no-decision")
		void noDecision(WebSocket webSocket) {
		}

		@WebSocketMapping("/slow-decision")
		void slowDecision(WebSocket webSocket) {
			try {
				new CountDownLatch(1).await();
			}
			catch (InterruptedException ex) {
				this.handlerEvents.events.add("interrupted");
			}
		}

		@WebSocketMapping("/crash-after-accept")
		void crashAfterAccept(WebSocket webSocket) {
			webSocket.accept();
			webSocket.receiveText();
			throw new IllegalStateException("boom after accept");
		}

		@WebSocketMapping("/exception-after-accept")
		void exceptionAfterAccept(WebSocket webSocket) {
			webSocket.accept();
			webSocket.receiveText();
			throw new WebSocketException(4001, "custom");
		}

		@WebSocketMapping("/return-after-accept")
		void returnAfterAccept(WebSocket webSocket) {
			webSocket.accept();
			webSocket.sendText("bye");
		}

		@WebSocketMapping("/record-disconnect")
		void recordDisconnect(WebSocket webSocket) {
			webSocket.accept();
			webSocket.sendText("ready");
			try {
				webSocket.receiveText();
			}
			catch (WebSocketDisconnect ex) {
				this.handlerEvents.events.add(webSocket.queryParams().getFirst("tag") + ": disconnect " + ex.getCode()
						+ " '" + ex.getReason() + "'");
				throw ex;
			}
		}

		@WebSocketMapping("/send-to-gone")
		void sendToGone(WebSocket webSocket) throws InterruptedException {
			webSocket.accept();
			webSocket.sendText("ready");
			this.handlerEvents.release.await();
			try {
				while (true) {
					webSocket.sendText("are you there?");
				}
			}
			catch (WebSocketDisconnect ex) {
				this.handlerEvents.events.add(webSocket.queryParams().getFirst("tag") + ": send failed " + ex.getCode());
			}
		}

		@WebSocketMapping("/slow-reader")
		void slowReader(WebSocket webSocket) throws InterruptedException {
			webSocket.accept();
			this.handlerEvents.release.await();
			int count = 0;
			for (String text : webSocket.iterText()) {
				if (!text.startsWith(count + ":")) {
					this.handlerEvents.events.add("out of order at " + count + ": " + text.substring(0, 10));
				}
				count++;
			}
			this.handlerEvents.events.add("received " + count);
		}

		@WebSocketMapping("/concurrent-senders")
		void concurrentSenders(WebSocket webSocket) throws InterruptedException {
			webSocket.accept();
			List<Thread> senders = new java.util.ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int sender = t;
				senders.add(new Thread(() -> {
					for (int i = 0; i < 500; i++) {
						String message = sender + ":" + i + ":" + "x".repeat(100 * sender);
						if (i % 2 == 0) {
							webSocket.sendText(message);
						}
						else {
							webSocket.sendTextAsync(message);
						}
					}
				}));
			}
			senders.forEach(Thread::start);
			for (Thread sender : senders) {
				sender.join();
			}
			webSocket.receiveText();
		}

		/**
		 * Send to a client that reads nothing, waiting for each message to be written, until a send fails. A
		 * second sender queues behind the first, so that the handler learns as soon as the server gives up on
		 * the client: the write in progress waits for the client to read again, but what is queued fails, and
		 * then every later send.
		 */
		@WebSocketMapping("/send-and-wait")
		void sendAndWait(WebSocket webSocket) {
			webSocket.accept();
			webSocket.whenClosed().thenRun(() -> this.handlerEvents.events.add("closed"));
			webSocket.receiveText();
			Thread queued = new Thread(() -> {
				try {
					while (true) {
						webSocket.sendTextAsync(SLOW_CLIENT_MESSAGE).join();
					}
				}
				catch (CompletionException ex) {
					WebSocketDisconnect disconnect = (WebSocketDisconnect) ex.getCause();
					this.handlerEvents.events.add("gave up: " + disconnect.getCode() + " " + disconnect.getReason());
				}
			});
			queued.start();
			try {
				while (true) {
					webSocket.sendText(SLOW_CLIENT_MESSAGE);
				}
			}
			catch (WebSocketDisconnect ex) {
				this.handlerEvents.events.add("send failed: " + ex.getCode() + " " + ex.getReason());
			}
			catch (WebSocketNotConnectedException ex) {
				this.handlerEvents.events.add("send refused");
			}
		}

		/**
		 * Send to a client that reads nothing without waiting: once a message has stayed unwritten for 500 ms,
		 * well within the send time limit of {@link WebSocketLimitsTests}, the client's buffers are full and
		 * that message is stuck on its way; then queue messages until the server gives up on the client.
		 */
		@WebSocketMapping("/send-without-waiting")
		void sendWithoutWaiting(WebSocket webSocket) {
			webSocket.accept();
			webSocket.whenClosed().thenRun(() -> this.handlerEvents.events.add("closed"));
			webSocket.receiveText();
			CompletableFuture<Void> sent = webSocket.sendTextAsync(SLOW_CLIENT_MESSAGE);
			while (isWrittenWithin(sent, Duration.ofMillis(500))) {
				sent = webSocket.sendTextAsync(SLOW_CLIENT_MESSAGE);
			}
			while (!sent.isCompletedExceptionally()) {
				sent = webSocket.sendTextAsync(SLOW_CLIENT_MESSAGE);
			}
			try {
				sent.join();
			}
			catch (CompletionException ex) {
				WebSocketDisconnect disconnect = (WebSocketDisconnect) ex.getCause();
				this.handlerEvents.events.add("gave up: " + disconnect.getCode() + " " + disconnect.getReason());
			}
		}

		private static boolean isWrittenWithin(CompletableFuture<Void> sent, Duration time) {
			try {
				sent.get(time.toMillis(), TimeUnit.MILLISECONDS);
				return true;
			}
			catch (TimeoutException | ExecutionException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		@WebSocketMapping("/hold")
		void hold(WebSocket webSocket) {
			webSocket.accept();
			webSocket.sendText("held");
			for (String ignored : webSocket.iterText()) {
				// keep the connection until the client leaves
			}
		}

	}

	/**
	 * Tells the client which thread runs its handler, and whether it is a virtual thread.
	 */
	@WebSocketController
	static class ThreadController {

		@WebSocketMapping("/handler-thread")
		void handlerThread(WebSocket webSocket) {
			webSocket.accept();
			Thread thread = Thread.currentThread();
			webSocket.sendText(thread.getName() + (isVirtual(thread) ? " virtual" : " platform"));
		}

		private static boolean isVirtual(Thread thread) {
			// Thread.isVirtual() is Java 21 API, and this code compiles for Java 17
			Method isVirtual = ReflectionUtils.findMethod(Thread.class, "isVirtual");
			return (isVirtual != null) && Boolean.TRUE.equals(ReflectionUtils.invokeMethod(isVirtual, thread));
		}

	}

}
