package io.fastws.server;

import io.fastws.bind.InvocableWebSocketHandlerMethod;

import org.springframework.web.util.pattern.PathPattern;

/**
 * A route: the path pattern a WebSocket upgrade request must match, and the handler method that serves it.
 *
 * @param pattern the path pattern
 * @param handler the handler method
 */
public record WebSocketRoute(PathPattern pattern, InvocableWebSocketHandlerMethod handler) {

	/**
	 * Return the route's template, such as {@code /ws/{client_id}}: what metrics and logs name it by.
	 * @return the template
	 */
	public String template() {
		return this.pattern.getPatternString();
	}

	/**
	 * Return the route as logs show it, such as {@code WS /ws/{client_id} -> ChatController#chat(WebSocket)}.
	 * @return the description
	 */
	public String describe() {
		return "WS " + this.pattern.getPatternString() + " -> " + this.handler.describe();
	}

	@Override
	public String toString() {
		return describe();
	}

}
