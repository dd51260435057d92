package io.fastws.server;

import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;

/**
 * Serves the WebSocket upgrade requests of one {@link WebSocketRoute}: checks the origin, then lets Spring's
 * {@link DefaultHandshakeHandler} validate the handshake before the route's handler decides it.
 */
final class WebSocketUpgradeHandler implements HttpRequestHandler {

	private static final Log logger = LogFactory.getLog(WebSocketUpgradeHandler.class);

	private static final String EXTENSIONS_HEADER = "Sec-WebSocket-Extensions";

	private static final RefusedOrigins refusedOrigins = new RefusedOrigins(logger);

	private final WebSocketRoute route;

	private final UpgradeSupport support;

	private final OriginHandshakeInterceptor originInterceptor;

	WebSocketUpgradeHandler(WebSocketRoute route, UpgradeSupport support,
			OriginHandshakeInterceptor originInterceptor) {
		this.route = route;
		this.support = support;
		this.originInterceptor = originInterceptor;
	}

	WebSocketRoute getRoute() {
		return this.route;
	}

	@Override
	public void handleRequest(HttpServletRequest servletRequest, HttpServletResponse servletResponse) {
		ConnectionSettings settings = this.support.settings();
		HttpServletRequest upgradeRequest = settings.compression() ? servletRequest
				: new WithoutExtensions(servletRequest);
		ServerHttpRequest request = new ServletServerHttpRequest(upgradeRequest);
		ServerHttpResponse response = new ServletServerHttpResponse(servletResponse);
		if (DeferredUpgrade.resume(servletRequest, request, response)) {
			response.close();
			return;
		}
		ConnectionObserver observer = this.support.observer();
		PendingConnection pending = new PendingConnection(this.route, pathParams(servletRequest),
				settings.handshakeTimeout(), observer.currentObservation(),
				observer.handshakeStarted(this.route, request.getURI()));
		if (this.support.connections().isShuttingDown()) {
			servletResponse.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
			servletResponse.setContentLength(0);
			observer.handshakeAnswered(pending, request.getRemoteAddress(), request.getURI(),
					HttpStatus.SERVICE_UNAVAILABLE.value(), HandshakeOutcome.SHUTDOWN, "shutting down");
			return;
		}
		Map<String, Object> attributes = new HashMap<>();
		try {
			SessionTransport transport = new SessionTransport(pending, this.support.container(), settings,
					this.support.executor().writer(), observer);
			if (!isAllowedOrigin(request, response, transport, attributes)) {
				observer.handshakeAnswered(pending, request.getRemoteAddress(), request.getURI(),
						HttpStatus.FORBIDDEN.value(), HandshakeOutcome.ORIGIN,
						"origin " + request.getHeaders().getOrigin() + " not allowed");
				return;
			}
			HandshakeHandler handshakeHandler = new DefaultHandshakeHandler(
					new HandlerDecidedUpgradeStrategy(pending, transport, this.support));
			handshakeHandler.doHandshake(request, response, transport, attributes);
			if (!pending.decision().isDecided() && !servletRequest.isAsyncStarted()) {
				// Spring refused the handshake as malformed before the handler started
				observer.handshakeAnswered(pending, request.getRemoteAddress(), request.getURI(),
						servletResponse.getStatus(), HandshakeOutcome.INVALID, "invalid handshake");
			}
		}
		catch (RuntimeException ex) {
			observer.handshakeAnswered(pending, request.getRemoteAddress(), request.getURI(),
					HttpStatus.INTERNAL_SERVER_ERROR.value(), HandshakeOutcome.ERROR, "the handshake failed");
			throw ex;
		}
		finally {
			response.close();
		}
	}

	private static Map<String, String> pathParams(HttpServletRequest request) {
		Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		if (!(variables instanceof Map<?, ?> map)) {
			return Map.of();
		}
		Map<String, String> pathParams = new LinkedHashMap<>();
		map.forEach((name, value) -> pathParams.put(String.valueOf(name), String.valueOf(value)));
		return pathParams;
	}

	private boolean isAllowedOrigin(ServerHttpRequest request, ServerHttpResponse response,
			SessionTransport transport, Map<String, Object> attributes) {
		try {
			boolean allowed = this.originInterceptor.beforeHandshake(request, response, transport, attributes);
			if (!allowed) {
				refusedOrigins.warnOnce(request.getHeaders().getOrigin(), this.route);
			}
			return allowed;
		}
		catch (IllegalArgumentException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Refused a connection to " + this.route.describe() + " with 403: malformed Origin header "
						+ request.getHeaders().getOrigin());
			}
			response.setStatusCode(HttpStatus.FORBIDDEN);
			return false;
		}
		catch (Exception ex) {
			throw new HandshakeFailureException("Origin check failed for " + request.getURI(), ex);
		}
	}

	/**
	 * Hides the client's extension offers from the container, so that it negotiates none.
	 */
	private static final class WithoutExtensions extends HttpServletRequestWrapper {

		WithoutExtensions(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			return EXTENSIONS_HEADER.equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return EXTENSIONS_HEADER.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			Collection<String> names = Collections.list(super.getHeaderNames());
			names.removeIf(EXTENSIONS_HEADER::equalsIgnoreCase);
			return Collections.enumeration(names);
		}

	}

}
