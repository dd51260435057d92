package io.fastws.bind;

import io.fastws.WebSocket;

import org.springframework.core.MethodParameter;

/**
 * Strategy for binding one parameter of a WebSocket handler method from the connection, the counterpart of
 * Spring MVC's {@code HandlerMethodArgumentResolver}.
 *
 * <p>Beans of this type are picked up by the auto-configuration, in {@link org.springframework.core.Ordered
 * order}, before the built-in fallbacks.
 */
public interface WebSocketArgumentResolver {

	/**
	 * Return whether this resolver binds the given parameter. Called once per parameter, at start-up.
	 * @param parameter the handler method parameter
	 * @return {@code true} if {@link #resolveArgument} should be used for it
	 */
	boolean supportsParameter(MethodParameter parameter);

	/**
	 * Bind the parameter for one connection, before its handler runs.
	 * @param parameter the handler method parameter
	 * @param webSocket the connection, still CONNECTING
	 * @return the argument, possibly {@code null}
	 * @throws Exception if the argument cannot be bound; a {@link io.fastws.WebSocketException} rejects the
	 * connection with its code
	 */
	Object resolveArgument(MethodParameter parameter, WebSocket webSocket) throws Exception;

}
