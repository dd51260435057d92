package io.fastws.server;

import io.fastws.WebSocket;
import io.fastws.WebSocketEndpoint;
import io.fastws.bind.DependencyScope;
import io.fastws.bind.InvocableWebSocketHandlerMethod;
import io.fastws.bind.WebSocketArgumentResolverComposite;
import io.fastws.bind.WebSocketParameterValidator;

import org.springframework.web.method.HandlerMethod;

/**
 * The handler of a {@link WebSocketEndpoint}'s route: binds and calls the endpoint's {@code onConnect}
 * method, as a handler method is, then lets the endpoint receive messages until the client disconnects.
 */
final class WebSocketEndpointHandlerMethod extends InvocableWebSocketHandlerMethod {

	/**
	 * Create the handler of an endpoint, failing if a parameter of its {@code onConnect} method cannot be
	 * bound.
	 * @param connectMethod the endpoint's {@code onConnect} method, with its bean name
	 * @param resolver the resolvers for its parameters
	 * @param validator the validator for its parameters, or {@code null} for none
	 */
	WebSocketEndpointHandlerMethod(HandlerMethod connectMethod, WebSocketArgumentResolverComposite resolver,
			WebSocketParameterValidator validator) {
		super(connectMethod, resolver, validator);
	}

	@Override
	protected void invoke(Object bean, WebSocket webSocket, DependencyScope scope) throws Exception {
		WebSocketEndpoint<?> endpoint = (WebSocketEndpoint<?>) bean;
		// checked at start-up for a singleton; a prototype's instance is only known now
		WebSocketEndpointIntrospector.assertDecodable(endpoint);
		super.invoke(bean, webSocket, scope);
		endpoint.dispatchMessages(webSocket);
	}

}
