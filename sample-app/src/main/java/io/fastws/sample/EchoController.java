package io.fastws.sample;

import io.fastws.WebSocket;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;

/**
 * FastAPI's first WebSocket tutorial: every text message comes back prefixed.
 */
@WebSocketController
class EchoController {

	@WebSocketMapping("/ws")
	void echo(WebSocket webSocket) {
		webSocket.accept();
		while (true) {
			String data = webSocket.receiveText();
			webSocket.sendText("Message text was: " + data);
		}
	}

}
