package io.fastws.sample;

import java.util.Optional;

import io.fastws.WebSocket;
import io.fastws.annotation.Depends;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * FastAPI's second WebSocket tutorial: path, query and a cookie-or-token dependency.
 */
@WebSocketController
class ItemsController {

	@WebSocketMapping("/items/{itemId}/ws")
	void items(WebSocket webSocket, @PathVariable String itemId, @RequestParam Optional<Integer> q,
			@Depends(CookieOrToken.class) String cookieOrToken) {
		webSocket.accept();
		while (true) {
			String data = webSocket.receiveText();
			webSocket.sendText("Session cookie or query token value is: " + cookieOrToken);
			q.ifPresent((value) -> webSocket.sendText("Query parameter q is: " + value));
			webSocket.sendText("Message text was: " + data + ", for item ID: " + itemId);
		}
	}

}
