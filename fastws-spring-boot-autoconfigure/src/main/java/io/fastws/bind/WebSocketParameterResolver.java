package io.fastws.bind;

import io.fastws.WebSocket;

import org.springframework.core.MethodParameter;

/**
 * Binds parameters of type {@link WebSocket} to the connection, in any position and under any name.
 */
public class WebSocketParameterResolver implements WebSocketArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return WebSocket.class.isAssignableFrom(parameter.getParameterType());
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, WebSocket webSocket) {
		return webSocket;
	}

}
