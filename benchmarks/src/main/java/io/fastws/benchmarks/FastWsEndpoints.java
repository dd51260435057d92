package io.fastws.benchmarks;

import io.fastws.WebSocket;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.broadcast.ConnectionGroup;
import io.fastws.broadcast.ConnectionGroups;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * The fastws endpoints: an echo, a fan-out that sends every message it receives to every connection, and
 * one whose handler works for five seconds before it accepts, as an authentication lookup or a database
 * call might.
 */
@WebSocketController
@ConditionalOnProperty(name = "bench.mode", havingValue = "fastws")
class FastWsEndpoints {

	private final ConnectionGroup fanOut;

	private final OpenConnections openConnections;

	FastWsEndpoints(ConnectionGroups groups, OpenConnections openConnections) {
		this.fanOut = groups.group("fan-out");
		this.openConnections = openConnections;
	}

	@WebSocketMapping("/echo")
	void echo(WebSocket webSocket) {
		webSocket.accept();
		this.openConnections.opened();
		try {
			for (String text : webSocket.iterText()) {
				webSocket.sendText(text);
			}
		}
		finally {
			this.openConnections.closed();
		}
	}

	@WebSocketMapping("/work-then-accept")
	void workThenAccept(WebSocket webSocket) throws InterruptedException {
		Thread.sleep(5_000);
		webSocket.accept();
	}

	@WebSocketMapping("/fanout")
	void fanOut(WebSocket webSocket) {
		webSocket.accept();
		this.fanOut.add(webSocket);
		for (String text : webSocket.iterText()) {
			this.fanOut.sendText(text);
		}
	}

}
