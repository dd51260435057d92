package io.fastws.benchmarks;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The baseline: Spring's own {@code TextWebSocketHandler} echo, the limit of the stack fastws runs on.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@ConditionalOnProperty(name = "bench.mode", havingValue = "raw")
class RawEndpoints implements WebSocketConfigurer {

	static final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();

	private final OpenConnections openConnections;

	RawEndpoints(OpenConnections openConnections) {
		this.openConnections = openConnections;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(new Echo(this.openConnections), "/echo");
	}

	static class Echo extends TextWebSocketHandler {

		private final OpenConnections openConnections;

		Echo(OpenConnections openConnections) {
			this.openConnections = openConnections;
		}

		@Override
		public void afterConnectionEstablished(WebSocketSession session) {
			sessions.add(session);
			this.openConnections.opened();
		}

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
			session.sendMessage(message);
		}

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
			sessions.remove(session);
			this.openConnections.closed();
		}

	}

}
