package io.fastws.server;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import io.fastws.CloseCodes;
import io.fastws.server.observation.WebSocketConnectionObservationConvention;
import io.fastws.server.observation.WebSocketHandshakeObservationConvention;
import io.fastws.server.observation.WebSocketMessageMetrics;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.server.PathContainer;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Maps WebSocket upgrade requests to the {@link WebSocketRoute routes} of the application's controllers.
 *
 * <p>Only upgrade requests are claimed: a plain HTTP request on the same path goes on to the next mapping,
 * so a page and a socket can share a path, and an upgrade request no route matches ends as a 404. As a
 * {@link SmartLifecycle} in the default phase, among the first to stop, it shuts its connections down
 * gracefully before the web server stops.
 */
public class WebSocketHandlerMapping extends AbstractHandlerMapping implements SmartLifecycle {

	private final List<WebSocketUpgradeHandler> handlers;

	private final WebSocketConnections connections = new WebSocketConnections();

	private final OriginHandshakeInterceptor originInterceptor;

	private final WebSocketContainer container;

	private final ConnectionObserver observer = new ConnectionObserver();

	private int shutdownCloseCode = CloseCodes.WS_1012_SERVICE_RESTART;

	private Duration shutdownTimeout = Duration.ofSeconds(10);

	private volatile boolean running;

	/**
	 * Create a mapping for the given routes.
	 * @param routes the routes
	 * @param executor the executor that runs each connection's handler
	 * @param jsonMapper the mapper for JSON messages
	 * @param settings the limits for every connection
	 * @param allowedOrigins the origins allowed besides the server's own; {@code *} allows any
	 * @throws IllegalStateException if the servlet container is not one fastws supports
	 */
	public WebSocketHandlerMapping(List<WebSocketRoute> routes, WebSocketHandlerExecutor executor,
			JsonMapper jsonMapper, ConnectionSettings settings, List<String> allowedOrigins) {
		WebSocketContainer container = WebSocketContainer.detect(ClassUtils.getDefaultClassLoader());
		this.container = container;
		UpgradeSupport support = new UpgradeSupport(container, executor, jsonMapper, settings, this.connections,
				this.observer);
		this.originInterceptor = new OriginHandshakeInterceptor(allowedOrigins);
		OriginHandshakeInterceptor originInterceptor = this.originInterceptor;
		this.handlers = routes.stream()
			.map((route) -> new WebSocketUpgradeHandler(route, support, originInterceptor))
			.toList();
		setOrder(-1);
	}

	/**
	 * Set patterns of origins allowed besides the server's own and the allowed origins, such as
	 * {@code http://localhost:*} or {@code https://*.example.com}.
	 * @param allowedOriginPatterns the patterns
	 */
	public void setAllowedOriginPatterns(List<String> allowedOriginPatterns) {
		this.originInterceptor.setAllowedOriginPatterns(allowedOriginPatterns);
	}

	/**
	 * Set whether to log each handshake's outcome and each closed connection at INFO on the logger
	 * {@code io.fastws.access}.
	 * @param enabled whether the access log is on; {@code true} by default, as uvicorn's
	 */
	public void setAccessLogEnabled(boolean enabled) {
		this.observer.setAccessLogEnabled(enabled);
	}

	/**
	 * Set the registry of the {@code fastws.handshakes} and {@code fastws.connections} observations.
	 * @param observationRegistry the registry; none by default
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observer.setObservationRegistry(observationRegistry);
	}

	/**
	 * Set the convention of the handshake observations.
	 * @param convention the convention, or {@code null} for the default
	 */
	public void setHandshakeObservationConvention(@Nullable WebSocketHandshakeObservationConvention convention) {
		this.observer.setHandshakeConvention(convention);
	}

	/**
	 * Set the convention of the connection observations.
	 * @param convention the convention, or {@code null} for the default
	 */
	public void setConnectionObservationConvention(@Nullable WebSocketConnectionObservationConvention convention) {
		this.observer.setConnectionConvention(convention);
	}

	/**
	 * Set what records every message of every connection.
	 * @param messageMetrics the message metrics; none by default
	 */
	public void setMessageMetrics(WebSocketMessageMetrics messageMetrics) {
		this.observer.setMessageMetrics(messageMetrics);
	}

	/**
	 * Set the code every open connection is closed with when the application shuts down.
	 * @param closeCode the close code; 1012 (service restart) by default, as uvicorn
	 */
	public void setShutdownCloseCode(int closeCode) {
		Assert.isTrue(CloseCodes.isSendable(closeCode), () -> "Close code " + closeCode + " cannot be sent");
		this.shutdownCloseCode = closeCode;
	}

	/**
	 * Set how long handlers have to return when the application shuts down, before they are interrupted.
	 * @param shutdownTimeout the timeout; 10 seconds by default
	 */
	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * Return the connections served now.
	 * @return the connections
	 */
	public WebSocketConnections getConnections() {
		return this.connections;
	}

	/**
	 * Return the name of the servlet container the connections are served by.
	 * @return {@code Tomcat} or {@code Jetty}
	 */
	public String getContainerName() {
		return this.container.name();
	}

	/**
	 * Return the mapped routes.
	 * @return the routes
	 */
	public List<WebSocketRoute> getRoutes() {
		return this.handlers.stream().map(WebSocketUpgradeHandler::getRoute).toList();
	}

	@Override
	protected @Nullable Object getHandlerInternal(HttpServletRequest request) {
		if (!isWebSocketUpgrade(request)) {
			return null;
		}
		initLookupPath(request);
		PathContainer path = ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication();
		WebSocketUpgradeHandler best = null;
		Comparator<PathPattern> specificity = PathPattern.SPECIFICITY_COMPARATOR;
		for (WebSocketUpgradeHandler handler : this.handlers) {
			PathPattern pattern = handler.getRoute().pattern();
			if (pattern.matches(path) && (best == null || specificity.compare(pattern, best.getRoute().pattern()) < 0)) {
				best = handler;
			}
		}
		if (best != null) {
			PathPattern.PathMatchInfo match = best.getRoute().pattern().matchAndExtract(path);
			request.setAttribute(URI_TEMPLATE_VARIABLES_ATTRIBUTE, (match != null) ? match.getUriVariables() : null);
			request.setAttribute(BEST_MATCHING_PATTERN_ATTRIBUTE, best.getRoute().pattern());
			String template = best.getRoute().pattern().getPatternString();
			// http.server.requests shows the route's template as uri, as for a controller
			ServerHttpObservationFilter.findObservationContext(request)
				.ifPresent((context) -> context.setPathPattern(template));
		}
		return best;
	}

	/**
	 * Prepare the servlet container for fastws's sessions, leaving its container-wide defaults to the
	 * application's other WebSocket endpoints, if it has any.
	 */
	@Override
	protected void initServletContext(ServletContext servletContext) {
		this.container.prepare(servletContext, OtherWebSocketEndpoints.in(obtainApplicationContext()));
	}

	@Override
	public void start() {
		this.connections.resume();
		this.running = true;
	}

	/**
	 * Shut every connection down gracefully, before the web server stops: see
	 * {@link WebSocketConnections#shutDown(int, Duration)}.
	 */
	@Override
	public void stop() {
		this.running = false;
		this.connections.shutDown(this.shutdownCloseCode, this.shutdownTimeout);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private static boolean isWebSocketUpgrade(HttpServletRequest request) {
		return "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
	}

}
