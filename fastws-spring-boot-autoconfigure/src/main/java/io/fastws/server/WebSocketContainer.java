package io.fastws.server;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.server.RequestUpgradeStrategy;

/**
 * What differs from one servlet container to another: how a request is upgraded, and how an open session
 * is held to fastws's limits, written to and paused. One implementation per container.
 */
interface WebSocketContainer {

	/**
	 * Return the name of the container, as operators know it.
	 * @return {@code Tomcat} or {@code Jetty}
	 */
	String name();

	/**
	 * Return the strategy that performs an accepted upgrade.
	 * @return the container's upgrade strategy
	 */
	RequestUpgradeStrategy upgradeStrategy();

	/**
	 * Commit the response of an upgrade performed in an asynchronous dispatch, and return whether the
	 * container goes on to hand the connection over to WebSocket rather than close it.
	 * @param response the response of the upgrade
	 * @return {@code false} if the container closes the connection instead
	 * @throws IOException if the response cannot be written
	 */
	boolean completesUpgradeAfterDispatch(HttpServletResponse response) throws IOException;

	/**
	 * Prepare the container of the started web application for fastws's sessions, before the first
	 * upgrade. Container-wide defaults are changed only where no other WebSocket endpoint relies on them.
	 * @param servletContext the web application's servlet context
	 * @param otherEndpoints the beans that show other WebSocket endpoints or settings of the container; empty
	 * if fastws is its only WebSocket user
	 */
	default void prepare(ServletContext servletContext, List<String> otherEndpoints) {
	}

	/**
	 * Apply the connection settings to a session the container has just opened, and adapt it. The session
	 * delivers messages in parts, of a size of the container's choosing; fastws puts them together and holds
	 * them to the message size limits itself.
	 * @param session the open session
	 * @param settings the limits every connection is held to
	 * @return the session, as fastws drives it
	 */
	ContainerSession open(WebSocketSession session, ConnectionSettings settings);

	/**
	 * Return the container support for the servlet container on the class path.
	 * @param classLoader the class loader of the application
	 * @return the container support
	 * @throws IllegalStateException if no supported container is present
	 */
	static WebSocketContainer detect(@Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent(TomcatWebSocketContainer.WS_SESSION_CLASS, classLoader)) {
			return new TomcatWebSocketContainer();
		}
		if (ClassUtils.isPresent(JettyWebSocketContainer.CONTAINER_CLASS, classLoader)) {
			return new JettyWebSocketContainer();
		}
		throw new IllegalStateException("fastws needs the WebSocket support of Tomcat (org.apache.tomcat.embed:"
				+ "tomcat-embed-websocket, which spring-boot-starter-websocket brings with spring-boot-starter-tomcat) "
				+ "or of Jetty 12 (org.eclipse.jetty.ee11.websocket:jetty-ee11-websocket-jetty-server, which "
				+ "spring-boot-starter-jetty brings)");
	}

}
