package io.fastws.bind;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import io.fastws.WebSocket;

import org.springframework.core.BridgeMethodResolver;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * A WebSocket handler method ready to be called for a connection: its arguments are bound by a
 * {@link WebSocketArgumentResolver}, checked once, at start-up.
 */
public class InvocableWebSocketHandlerMethod {

	private final HandlerMethod handlerMethod;

	private final WebSocketArgumentResolver resolver;

	private final MethodParameter[] parameters;

	private final Method method;

	/**
	 * Create an invocable method, failing if one of its parameters cannot be bound.
	 * @param handlerMethod the handler method, with its bean or bean name
	 * @param resolver the resolver for its parameters
	 * @throws IllegalStateException if a parameter is not supported by the resolver
	 */
	public InvocableWebSocketHandlerMethod(HandlerMethod handlerMethod, WebSocketArgumentResolver resolver) {
		this.handlerMethod = handlerMethod;
		this.resolver = resolver;
		this.parameters = handlerMethod.getMethodParameters();
		for (MethodParameter parameter : this.parameters) {
			parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
			if (!resolver.supportsParameter(parameter)) {
				throw new IllegalStateException("Cannot bind parameter '" + parameter.getParameterName() + "' of type "
						+ ClassUtils.getShortName(parameter.getParameterType()) + " in " + describe()
						+ ": no WebSocketArgumentResolver supports it");
			}
		}
		this.method = BridgeMethodResolver.findBridgedMethod(handlerMethod.getMethod());
		ReflectionUtils.makeAccessible(this.method);
	}

	/**
	 * Return the handler method.
	 * @return the handler method
	 */
	public HandlerMethod getHandlerMethod() {
		return this.handlerMethod;
	}

	/**
	 * Return a short description, such as {@code ChatController#chat(WebSocket, int)}.
	 * @return the description
	 */
	public String describe() {
		Method method = this.handlerMethod.getMethod();
		StringBuilder description = new StringBuilder(ClassUtils.getShortName(this.handlerMethod.getBeanType()))
			.append('#')
			.append(method.getName())
			.append('(');
		Class<?>[] types = method.getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			description.append((i > 0) ? ", " : "").append(types[i].getSimpleName());
		}
		return description.append(')').toString();
	}

	/**
	 * Bind the arguments for the given connection and call the method.
	 * @param webSocket the connection
	 * @throws Exception what binding or the method threw
	 */
	public void invoke(WebSocket webSocket) throws Exception {
		Object[] arguments = new Object[this.parameters.length];
		for (int i = 0; i < arguments.length; i++) {
			arguments[i] = this.resolver.resolveArgument(this.parameters[i], webSocket);
		}
		Object bean = this.handlerMethod.createWithResolvedBean().getBean();
		try {
			this.method.invoke(bean, arguments);
		}
		catch (InvocationTargetException ex) {
			Throwable target = ex.getTargetException();
			if (target instanceof Exception exception) {
				throw exception;
			}
			if (target instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(target);
		}
	}

}
