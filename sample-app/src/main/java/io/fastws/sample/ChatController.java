package io.fastws.sample;

import io.fastws.WebSocket;
import io.fastws.WebSocketDisconnect;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;

import org.springframework.web.bind.annotation.PathVariable;

/**
 * FastAPI's third WebSocket tutorial: a chat where every message goes to every client.
 */
@WebSocketController
class ChatController {

	private final ConnectionManager manager;

	ChatController(ConnectionManager manager) {
		this.manager = manager;
	}

	@WebSocketMapping("/ws/{clientId}")
	void chat(WebSocket webSocket, @PathVariable int clientId) {
		this.manager.connect(webSocket);
		try {
			while (true) {
				String data = webSocket.receiveText();
				this.manager.sendPersonalMessage("You wrote: " + data, webSocket);
				this.manager.broadcast("Client #" + clientId + " says: " + data);
			}
		}
		catch (WebSocketDisconnect ex) {
			this.manager.disconnect(webSocket);
			this.manager.broadcast("Client #" + clientId + " left the chat");
		}
	}

}
