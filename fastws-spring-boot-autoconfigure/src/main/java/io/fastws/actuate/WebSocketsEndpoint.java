package io.fastws.actuate;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.fastws.bind.BindingLocation;
import io.fastws.bind.InvocableWebSocketHandlerMethod;
import io.fastws.server.WebSocketHandlerMapping;
import io.fastws.server.WebSocketRoute;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.core.MethodParameter;

/**
 * {@link Endpoint @Endpoint} to expose the WebSocket routes of the application, the connections each of
 * them serves now, and the settings connections are served with.
 *
 * <p>fastws routes declare no subprotocols: a handler picks one of those its client offers when it accepts
 * the connection, so none are shown.
 */
@Endpoint(id = "websockets")
public class WebSocketsEndpoint {

	private final WebSocketHandlerMapping handlerMapping;

	private final SettingsDescriptor settings;

	/**
	 * Create an endpoint for the given mapping.
	 * @param handlerMapping the mapping of the application's routes
	 * @param settings the settings connections are served with
	 */
	public WebSocketsEndpoint(WebSocketHandlerMapping handlerMapping, SettingsDescriptor settings) {
		this.handlerMapping = handlerMapping;
		this.settings = settings;
	}

	/**
	 * Describe the routes, their connections and the settings.
	 * @return the description
	 */
	@ReadOperation
	public WebSocketsDescriptor webSockets() {
		Map<String, Long> connectionsByRoute = this.handlerMapping.getConnections().countByRoute();
		List<RouteDescriptor> routes = this.handlerMapping.getRoutes()
			.stream()
			.map((route) -> describe(route, connectionsByRoute))
			.toList();
		return new WebSocketsDescriptor(this.handlerMapping.getContainerName(), routes,
				this.handlerMapping.getConnections().size(), this.settings);
	}

	private static RouteDescriptor describe(WebSocketRoute route, Map<String, Long> connectionsByRoute) {
		String template = route.pattern().getPatternString();
		InvocableWebSocketHandlerMethod handler = route.handler();
		MethodParameter[] parameters = handler.getMethodParameters();
		List<BindingLocation> locations = handler.getBindingLocations();
		List<ParameterDescriptor> parameterDescriptors = Arrays.stream(parameters)
			.map((parameter) -> describe(parameter, locations.get(parameter.getParameterIndex())))
			.toList();
		return new RouteDescriptor(template, handler.describe(), parameterDescriptors,
				connectionsByRoute.getOrDefault(template, 0L));
	}

	private static ParameterDescriptor describe(MethodParameter parameter, BindingLocation location) {
		return new ParameterDescriptor(location.name(), location.source().value(),
				parameter.getGenericParameterType().getTypeName());
	}

	/**
	 * Description of the application's WebSocket routes, their connections and settings.
	 *
	 * @param container the servlet container that serves the connections, {@code Tomcat} or {@code Jetty}
	 * @param routes the routes, in the order they were mapped
	 * @param connections how many connections are served now, handshakes not yet decided included
	 * @param settings the settings connections are served with
	 */
	public record WebSocketsDescriptor(String container, List<RouteDescriptor> routes, int connections,
			SettingsDescriptor settings) implements OperationResponseBody {

	}

	/**
	 * Description of a route.
	 *
	 * @param template the path template, such as {@code /ws/{client_id}}
	 * @param handler the handler method, such as {@code ChatController#chat(WebSocket, int)}
	 * @param parameters the handler method's parameters, in order
	 * @param connections how many connections the route serves now, handshakes not yet decided included
	 */
	public record RouteDescriptor(String template, String handler, List<ParameterDescriptor> parameters,
			long connections) {

	}

	/**
	 * Description of a handler method parameter and where its value comes from.
	 *
	 * @param name the name of the value in its source, such as the path variable {@code client_id}, or the
	 * parameter's name for any other parameter; {@code null} if the class was compiled without parameter
	 * names and the parameter is not bound by name
	 * @param source the source of the value: {@code path}, {@code query}, {@code header}, {@code cookie}, or
	 * {@code parameter} for any other, such as the WebSocket or a {@code @Depends} result
	 * @param type the parameter's declared type, such as {@code java.util.Optional<java.lang.String>}
	 */
	public record ParameterDescriptor(@Nullable String name, String source, String type) {

	}

	/**
	 * Description of the settings connections are served with. Durations are ISO-8601, such as
	 * {@code PT20S}, and sizes in bytes, such as {@code 8192B}, as properties accept them.
	 *
	 * @param threads which threads run handlers: {@code virtual} or {@code platform}; {@code null} if not
	 * known
	 * @param handshakeTimeout how long a handler has to accept or reject its connection
	 * @param maxTextMessageSize the largest text message accepted
	 * @param maxBinaryMessageSize the largest binary message accepted
	 * @param maxQueuedMessages how many received messages may wait for a handler before the server stops
	 * reading from its client
	 * @param idleTimeout how long a connection may go without a message from its client, or {@code null}
	 * for ever
	 * @param compression whether permessage-deflate is negotiated when a client asks for it
	 * @param sendTimeLimit how long one message may take to reach a client
	 * @param sendBufferLimit how much output may wait for a slow client
	 * @param pingInterval how often each connection is pinged; {@code PT0S} for never
	 * @param pingTimeout how long a client has to answer a ping; {@code PT0S} for ever
	 * @param allowedOrigins the origins allowed besides the server's own
	 * @param allowedOriginPatterns the patterns of origins allowed besides the server's own
	 * @param shutdown what open connections get when the application shuts down
	 * @param broadcast the broadcaster's settings, or {@code null} without a broadcaster
	 */
	public record SettingsDescriptor(@Nullable String threads, String handshakeTimeout, String maxTextMessageSize,
			String maxBinaryMessageSize, int maxQueuedMessages, @Nullable String idleTimeout, boolean compression,
			String sendTimeLimit, String sendBufferLimit, String pingInterval, String pingTimeout,
			List<String> allowedOrigins, List<String> allowedOriginPatterns, ShutdownDescriptor shutdown,
			@Nullable BroadcastDescriptor broadcast) {

	}

	/**
	 * Description of the graceful shutdown of open connections.
	 *
	 * @param closeCode the code of the close frame every open connection gets
	 * @param timeout how long handlers have to return before they are interrupted
	 */
	public record ShutdownDescriptor(int closeCode, String timeout) {

	}

	/**
	 * Description of the broadcaster's settings.
	 *
	 * @param backend where broadcasts travel: {@code memory}, {@code redis}, or the class name of a backend
	 * of the application's own
	 * @param subscriberQueueSize how many messages a subscriber may fall behind before it is cut off
	 * @param redis the Redis backend's settings, or {@code null} for another backend
	 */
	public record BroadcastDescriptor(String backend, int subscriberQueueSize, @Nullable RedisDescriptor redis) {

	}

	/**
	 * Description of the Redis broadcast backend's settings.
	 *
	 * @param reconnectInterval how often Redis is tried again while it cannot be reached
	 * @param healthCheckInterval how often Redis is checked while connected
	 * @param timeout how long Redis may take to answer before it is taken for unreachable
	 */
	public record RedisDescriptor(String reconnectInterval, String healthCheckInterval, String timeout) {

	}

}
