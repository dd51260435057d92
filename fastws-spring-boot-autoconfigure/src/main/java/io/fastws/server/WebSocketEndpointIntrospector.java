package io.fastws.server;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.fastws.WebSocket;
import io.fastws.WebSocketEndpoint;
import io.fastws.WebSocketEndpoint.Encoding;
import io.fastws.bind.InvalidHandlerMethodException;

import org.springframework.core.BridgeMethodResolver;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Reads what a {@link WebSocketEndpoint} class declares: the {@code onConnect} method whose parameters fastws
 * binds, and whether its encoding can deliver messages as the type {@code onReceive} takes; what cannot be
 * served as written is an {@link InvalidHandlerMethodException} saying what to do.
 */
final class WebSocketEndpointIntrospector {

	private static final String ON_CONNECT = "onConnect";

	private static final String ON_RECEIVE = "onReceive";

	private static final String ON_DISCONNECT = "onDisconnect";

	private static final Method DEFAULT_ON_CONNECT = ReflectionUtils.findMethod(WebSocketEndpoint.class, ON_CONNECT,
			WebSocket.class);

	private WebSocketEndpointIntrospector() {
	}

	/**
	 * Return the {@code onConnect} method to bind and call for each connection: the one the class declares,
	 * with any parameters, or else the inherited {@code onConnect(WebSocket)}.
	 * @param endpointType the endpoint class
	 * @return the method
	 * @throws InvalidHandlerMethodException if the class declares more than one, or an {@code onReceive} or
	 * {@code onDisconnect} method that fastws would never call
	 */
	static Method connectMethod(Class<?> endpointType) {
		assertOnlyOverrides(endpointType, ON_RECEIVE, "onReceive(WebSocket, T)", WebSocket.class, Object.class);
		assertOnlyOverrides(endpointType, ON_DISCONNECT, "onDisconnect(WebSocket, int)", WebSocket.class, int.class);
		List<Method> declared = declaredMethods(endpointType, ON_CONNECT);
		if (declared.size() > 1) {
			throw new InvalidHandlerMethodException(name(endpointType) + " declares " + declared.size()
					+ " onConnect methods, " + signatures(declared) + ", but fastws calls one for each connection.",
					"Keep one onConnect method: either override onConnect(WebSocket), or declare "
							+ "onConnect(WebSocket webSocket, ...) with the parameters to bind, such as "
							+ "@PathVariable String room, and accept the connection in it.");
		}
		return declared.isEmpty() ? DEFAULT_ON_CONNECT : declared.get(0);
	}

	/**
	 * Check that the endpoint's encoding delivers messages as the type its {@code onReceive} takes.
	 * @param endpoint the endpoint
	 * @throws InvalidHandlerMethodException if it does not, or the type of JSON messages cannot be resolved
	 */
	static void assertDecodable(WebSocketEndpoint<?> endpoint) {
		Class<?> endpointType = ClassUtils.getUserClass(endpoint);
		Encoding encoding = endpoint.getEncoding();
		ResolvableType dataType = endpoint.getDataType();
		Class<?> resolved = dataType.resolve();
		if (encoding == Encoding.JSON && resolved == null) {
			throw new InvalidHandlerMethodException(name(endpointType) + " reads JSON messages, but the type to read "
					+ "them as cannot be resolved from its WebSocketEndpoint<T>.",
					"Give the type in the class declaration, such as 'extends WebSocketEndpoint<ChatMessage>', or "
							+ "pass it to the constructor: super(Encoding.JSON, ChatMessage.class).");
		}
		Class<?>[] delivered = switch (encoding) {
			case TEXT -> new Class<?>[] { String.class };
			case BYTES -> new Class<?>[] { byte[].class };
			case NONE -> new Class<?>[] { String.class, byte[].class };
			case JSON -> new Class<?>[0];
		};
		if (resolved != null && !Arrays.stream(delivered).allMatch(resolved::isAssignableFrom)) {
			String declared = (encoding == Encoding.NONE) ? "Object" : delivered[0].getSimpleName();
			throw new InvalidHandlerMethodException(name(endpointType) + " has encoding " + encoding
					+ ", which delivers each message as " + describe(delivered) + ", but is a WebSocketEndpoint<"
					+ dataType + ">.", "Declare it a WebSocketEndpoint<" + declared + ">, or choose Encoding.JSON "
							+ "to read each message as JSON into " + resolved.getSimpleName() + ".");
		}
	}

	private static void assertOnlyOverrides(Class<?> endpointType, String name, String signature,
			Class<?>... parameterTypes) {
		Method inherited = ReflectionUtils.findMethod(endpointType, name, parameterTypes);
		Method override = (inherited != null) ? BridgeMethodResolver.findBridgedMethod(inherited) : null;
		List<Method> overloads = declaredMethods(endpointType, name).stream()
			.filter((method) -> !method.equals(override))
			.toList();
		if (!overloads.isEmpty()) {
			throw new InvalidHandlerMethodException(name(endpointType) + " declares " + signatures(overloads)
					+ ", which fastws never calls: it calls " + signature + " and binds no parameters but those of "
					+ "onConnect.", "Override " + name + " with the parameters WebSocketEndpoint declares; "
							+ "bind what it needs in onConnect and keep it in the connection's attributes().");
		}
	}

	private static List<Method> declaredMethods(Class<?> endpointType, String name) {
		// bridge methods stay in the search, so that a method they override is known as overridden
		return Arrays.stream(ReflectionUtils.getUniqueDeclaredMethods(endpointType,
				(method) -> method.getName().equals(name) && !Modifier.isStatic(method.getModifiers())))
			.filter((method) -> !method.isBridge() && !method.isSynthetic()
					&& method.getDeclaringClass() != WebSocketEndpoint.class)
			.toList();
	}

	private static String signatures(List<Method> methods) {
		return methods.stream()
			.map((method) -> method.getName() + Arrays.stream(method.getParameterTypes())
				.map(Class::getSimpleName)
				.collect(Collectors.joining(", ", "(", ")")))
			.collect(Collectors.joining(" and "));
	}

	private static String describe(Class<?>[] types) {
		return Arrays.stream(types).map(Class::getSimpleName).collect(Collectors.joining(" or a ", "a ", ""));
	}

	private static String name(Class<?> endpointType) {
		return ClassUtils.getShortName(endpointType);
	}

}
