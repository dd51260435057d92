package io.fastws.server;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import io.fastws.FastWsTestApplication;
import io.fastws.WebSocket;
import io.fastws.WebSocketDisconnect;
import io.fastws.WebSocketException;
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

		@WebSocketMapping("/flood")
		void flood(WebSocket webSocket) {
			webSocket.accept();
			boolean wait = "true".equals(webSocket.queryParams().getFirst("wait"));
			webSocket.receiveText();
			String message = "x".repeat(1000);
			try {
				for (int i = 0; i < 1_000_000; i++) {
					if (wait) {
						webSocket.sendText(message);
					}
					else if (webSocket.sendTextAsync(message).isCompletedExceptionally()) {
						break;
					}
				}
				this.handlerEvents.events.add("flood stopped");
			}
			catch (WebSocketDisconnect ex) {
				this.handlerEvents.events.add("flood stopped");
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
