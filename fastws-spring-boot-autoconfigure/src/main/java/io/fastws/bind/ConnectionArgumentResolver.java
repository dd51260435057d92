package io.fastws.bind;

import java.security.Principal;
import java.util.Optional;

import io.fastws.HandshakeRequest;
import io.fastws.WebSocket;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;

/**
 * Binds parameters by type to the connection itself: the {@link WebSocket}, its {@link HandshakeRequest},
 * the handshake {@link HttpHeaders}, and the authenticated {@link Principal} ({@code null} or
 * {@link Optional#empty()} when anonymous), in any position and under any name.
 */
public class ConnectionArgumentResolver implements WebSocketArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		Class<?> type = parameter.nestedIfOptional().getNestedParameterType();
		if (Principal.class.isAssignableFrom(type)) {
			return true;
		}
		return parameter.getParameterType() != Optional.class && (WebSocket.class.isAssignableFrom(type)
				|| type == HandshakeRequest.class || type == HttpHeaders.class);
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, WebSocket webSocket) {
		Class<?> type = parameter.nestedIfOptional().getNestedParameterType();
		if (WebSocket.class.isAssignableFrom(type)) {
			return webSocket;
		}
		if (type == HandshakeRequest.class) {
			return webSocket.request();
		}
		if (type == HttpHeaders.class) {
			return webSocket.headers();
		}
		Principal principal = webSocket.principal();
		Principal matching = type.isInstance(principal) ? principal : null;
		return (parameter.getParameterType() == Optional.class) ? Optional.ofNullable(matching) : matching;
	}

}
