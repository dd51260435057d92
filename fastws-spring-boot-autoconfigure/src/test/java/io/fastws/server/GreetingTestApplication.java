package io.fastws.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fastws.FastWsTestApplication;
import io.fastws.WebSocket;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;

import org.springframework.context.annotation.Bean;

/**
 * A test application with one route, {@code /greet}, that greets every connection and notes that its
 * handler started, so that a test can tell a refused handshake from one whose handler ran. Its controller,
 * a member class of this configuration, is registered with it.
 */
@FastWsTestApplication
class GreetingTestApplication {

	@Bean
	Starts starts() {
		return new Starts();
	}

	/**
	 * The handlers that started.
	 */
	static class Starts {

		final List<String> list = new CopyOnWriteArrayList<>();

	}

	/**
	 * Greets every connection, noting that its handler started, and keeps it until the client leaves.
	 */
	@WebSocketController
	static class GreetingController {

		private final Starts starts;

		GreetingController(Starts starts) {
			this.starts = starts;
		}

		@WebSocketMapping("/greet")
		void greet(WebSocket webSocket) {
			this.starts.list.add("started");
			webSocket.accept();
			webSocket.sendText("hello");
			for (String ignored : webSocket.iterText()) {
				// keep the connection until the client leaves
			}
		}

	}

}
