package io.fastws.bind;

import java.util.List;

import io.fastws.WebSocket;

import org.springframework.core.MethodParameter;
import org.springframework.web.method.HandlerMethod;

/**
 * A WebSocket handler method ready to be called for a connection: its arguments are bound by a
 * {@link WebSocketArgumentResolver} chain, checked once, at start-up.
 */
public class InvocableWebSocketHandlerMethod {

	private final HandlerMethod handlerMethod;

	private final MethodArgumentBinder binder;

	/**
	 * Create an invocable method, failing if one of its parameters cannot be bound.
	 * @param handlerMethod the handler method, with its bean or bean name
	 * @param resolver the resolvers for its parameters
	 * @param validator the validator for its parameters, or {@code null} for none
	 * @throws IllegalStateException if a parameter is not supported by any resolver
	 */
	public InvocableWebSocketHandlerMethod(HandlerMethod handlerMethod, WebSocketArgumentResolverComposite resolver,
			WebSocketParameterValidator validator) {
		this.handlerMethod = handlerMethod;
		this.binder = new MethodArgumentBinder(handlerMethod.getBeanType(), handlerMethod.getMethod(), resolver,
				validator);
	}

	/**
	 * Return a short description, such as {@code ChatController#chat(WebSocket, int)}.
	 * @return the description
	 */
	public String describe() {
		return this.binder.description();
	}

	/**
	 * Return where each parameter is bound from, in the order of the parameters.
	 * @return the sources and names, such as the path variable {@code client_id}
	 */
	public List<BindingLocation> getBindingLocations() {
		return this.binder.bindingLocations();
	}

	/**
	 * Return the method's parameters, in order, with their names and the generic types they declare.
	 * @return the parameters
	 */
	public MethodParameter[] getMethodParameters() {
		return this.binder.parameters();
	}

	/**
	 * Bind the arguments for the given connection and call the method.
	 * @param webSocket the connection
	 * @param scope the connection's dependency scope, which the caller closes once the method has returned
	 * @throws ArgumentBindingException if arguments cannot be bound; the method is then not called
	 * @throws Exception what a provider or the method threw
	 */
	public void invoke(WebSocket webSocket, DependencyScope scope) throws Exception {
		invoke(this.handlerMethod.createWithResolvedBean().getBean(), webSocket, scope);
	}

	/**
	 * Bind the arguments for the given connection and call the method on the given bean, the one resolved
	 * for this connection.
	 * @param bean the bean whose method to call
	 * @param webSocket the connection
	 * @param scope the connection's dependency scope
	 * @throws ArgumentBindingException if arguments cannot be bound; the method is then not called
	 * @throws Exception what a provider or the method threw
	 */
	protected void invoke(Object bean, WebSocket webSocket, DependencyScope scope) throws Exception {
		this.binder.invoke(bean, this.binder.bind(bean, webSocket, scope));
	}

}
