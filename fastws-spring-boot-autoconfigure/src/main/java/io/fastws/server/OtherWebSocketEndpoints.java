package io.fastws.server;

import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Finds what else in an application relies on the servlet container's WebSocket defaults: Spring's own
 * WebSocket endpoints ({@code @EnableWebSocket}, or a {@code WebSocketHttpRequestHandler} or
 * {@code SockJsHttpRequestHandler} bean), STOMP over WebSocket ({@code @EnableWebSocketMessageBroker}),
 * {@code @ServerEndpoint} classes exported by a {@code ServerEndpointExporter}, or container defaults set
 * through a {@code ServletServerContainerFactoryBean}. Those endpoints take whole messages, so the container's
 * message buffers are the largest message they accept.
 */
final class OtherWebSocketEndpoints {

	private static final List<String> TYPES = List.of(
			"org.springframework.web.socket.config.annotation.WebSocketConfigurationSupport",
			"org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurationSupport",
			"org.springframework.web.socket.server.support.WebSocketHttpRequestHandler",
			"org.springframework.web.socket.sockjs.support.SockJsHttpRequestHandler",
			"org.springframework.web.socket.server.standard.ServerEndpointExporter",
			"org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean");

	private OtherWebSocketEndpoints() {
	}

	/**
	 * Return the beans that show other WebSocket endpoints or settings of the container, without creating
	 * any bean.
	 * @param beanFactory the application's bean factory
	 * @return the names of those beans; empty if fastws is the container's only WebSocket user
	 */
	static List<String> in(ListableBeanFactory beanFactory) {
		ClassLoader classLoader = OtherWebSocketEndpoints.class.getClassLoader();
		return TYPES.stream()
			.filter((type) -> ClassUtils.isPresent(type, classLoader))
			.flatMap((type) -> Arrays.stream(beanFactory
				.getBeanNamesForType(ClassUtils.resolveClassName(type, classLoader), true, false)))
			.toList();
	}

}
