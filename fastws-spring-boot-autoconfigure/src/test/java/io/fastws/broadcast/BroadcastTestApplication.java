package io.fastws.broadcast;

import io.fastws.FastWsTestApplication;
import io.fastws.WebSocket;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;

import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * An application with a broadcast room and a connection group, for the broadcast tests.
 */
@FastWsTestApplication
@Import(BroadcastTestApplication.RoomsController.class)
class BroadcastTestApplication {

	@WebSocketController
	static class RoomsController {

		private final Broadcaster broadcaster;

		private final ConnectionGroups groups;

		RoomsController(Broadcaster broadcaster, ConnectionGroups groups) {
			this.broadcaster = broadcaster;
			this.groups = groups;
		}

		/**
		 * Publishes what the client sends to the room's channel, and sends it what the channel carries.
		 */
		@WebSocketMapping("/rooms/{room}")
		void room(WebSocket webSocket, @PathVariable String room) throws InterruptedException {
			webSocket.accept();
			try (Subscription subscription = this.broadcaster.subscribe(room)) {
				Thread forwarder = new Thread(() -> subscription.forEach(webSocket::sendText));
				forwarder.start();
				webSocket.sendText("joined " + room);
				for (String text : webSocket.iterText()) {
					this.broadcaster.publish(room, text);
				}
			}
		}

		/**
		 * Sends what the client sends to every member of the group.
		 */
		@WebSocketMapping("/groups/{name}")
		void group(WebSocket webSocket, @PathVariable String name) {
			webSocket.accept();
			ConnectionGroup group = this.groups.group(name);
			group.add(webSocket);
			webSocket.sendText("joined " + name);
			for (String text : webSocket.iterText()) {
				if (text.startsWith("burst ")) {
					int count = Integer.parseInt(text.substring(6));
					String padding = "x".repeat(1000);
					for (int i = 0; i < count; i++) {
						group.sendText(i + ":" + padding);
					}
				}
				else {
					group.sendText(text);
				}
			}
		}

	}

}
