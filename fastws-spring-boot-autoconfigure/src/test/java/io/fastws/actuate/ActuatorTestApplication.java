package io.fastws.actuate;

import java.util.Optional;

import io.fastws.FastWsTestApplication;
import io.fastws.WebSocket;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;

import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * An application with a route that binds a value from every source and one that binds none, for the
 * Actuator tests.
 */
@FastWsTestApplication
@Import({ ActuatorTestApplication.ChatController.class, ActuatorTestApplication.NewsController.class })
class ActuatorTestApplication {

	@WebSocketController
	static class ChatController {

		/**
		 * Says which room the client joined, then echoes what it sends.
		 */
		@WebSocketMapping("/chat/{room}")
		void chat(WebSocket webSocket, @PathVariable String room, @RequestParam(defaultValue = "0") int since,
				@RequestHeader("X-Client") Optional<String> client, @CookieValue(required = false) String session) {
			webSocket.accept();
			webSocket.sendText("joined " + room);
			for (String text : webSocket.iterText()) {
				webSocket.sendText(text);
			}
		}

	}

	@WebSocketController
	static class NewsController {

		/**
		 * Sends one headline and closes.
		 */
		@WebSocketMapping("/news")
		void news(WebSocket webSocket) {
			webSocket.accept();
			webSocket.sendText("nothing new");
			webSocket.close();
		}

	}

}
