package io.fastws.test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * A plain Spring WebSocket server for the client's tests: {@code /script} answers as each message asks
 * ({@link ScriptedWebSocketHandler}), {@code /denied} refuses every handshake with 403 and a body, and
 * {@code /fragments} answers each message with the number of frames it came in ({@link FragmentCountingHandler}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableWebSocket
class ScriptedServerApplication implements WebSocketConfigurer {

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(new ScriptedWebSocketHandler(), "/script");
		registry.addHandler(new ScriptedWebSocketHandler(), "/denied").addInterceptors(new DenyingInterceptor());
		registry.addHandler(new FragmentCountingHandler(), "/fragments");
	}

	/**
	 * Answers the handshake itself with 403, a header and a text body.
	 */
	static class DenyingInterceptor implements HandshakeInterceptor {

		@Override
		public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
				WebSocketHandler wsHandler, Map<String, Object> attributes) throws Exception {
			response.setStatusCode(HttpStatus.FORBIDDEN);
			response.getHeaders().add("X-Denied-By", "interceptor");
			response.getBody().write("Not today".getBytes(StandardCharsets.UTF_8));
			return false;
		}

		@Override
		public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response,
				WebSocketHandler wsHandler, Exception exception) {
		}

	}

}
