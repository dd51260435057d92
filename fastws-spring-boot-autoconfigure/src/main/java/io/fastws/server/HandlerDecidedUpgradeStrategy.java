package io.fastws.server;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import io.fastws.HandshakeRequest;
import io.fastws.WebSocket;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.RequestUpgradeStrategy;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A {@link RequestUpgradeStrategy} that lets the route's handler decide: once Spring has validated the
 * handshake, the handler starts on its own thread and the upgrade waits for its first decision.
 *
 * <p>Accepting upgrades through the container's own strategy, with the handler's subprotocol and headers;
 * any other decision is written as a plain HTTP response.
 */
final class HandlerDecidedUpgradeStrategy implements RequestUpgradeStrategy {

	static final String ROUTE_ATTRIBUTE = HandlerDecidedUpgradeStrategy.class.getName() + ".route";

	static final String PATH_VARIABLES_ATTRIBUTE = HandlerDecidedUpgradeStrategy.class.getName() + ".pathVariables";

	private static final Log logger = LogFactory.getLog(HandlerDecidedUpgradeStrategy.class);

	private final RequestUpgradeStrategy delegate;

	private final WebSocketHandlerExecutor executor;

	private final JsonMapper jsonMapper;

	private final ConnectionSettings settings;

	HandlerDecidedUpgradeStrategy(RequestUpgradeStrategy delegate, WebSocketHandlerExecutor executor,
			JsonMapper jsonMapper, ConnectionSettings settings) {
		this.delegate = delegate;
		this.executor = executor;
		this.jsonMapper = jsonMapper;
		this.settings = settings;
	}

	@Override
	public String[] getSupportedVersions() {
		return this.delegate.getSupportedVersions();
	}

	@Override
	public List<WebSocketExtension> getSupportedExtensions(ServerHttpRequest request) {
		return this.delegate.getSupportedExtensions(request);
	}

	@Override
	@SuppressWarnings("unchecked")
	public void upgrade(ServerHttpRequest request, ServerHttpResponse response, String selectedProtocol,
			List<WebSocketExtension> selectedExtensions, Principal user, WebSocketHandler wsHandler,
			Map<String, Object> attributes) throws HandshakeFailureException {
		SessionTransport transport = (SessionTransport) wsHandler;
		WebSocketRoute route = (WebSocketRoute) attributes.get(ROUTE_ATTRIBUTE);
		Map<String, String> pathVariables = (Map<String, String>) attributes.get(PATH_VARIABLES_ATTRIBUTE);
		HandshakeRequest handshakeRequest = new HandshakeRequest(webSocketUrl(request), request.getHeaders(),
				request.getRemoteAddress(), user, pathVariables);
		WebSocket webSocket = new WebSocket(handshakeRequest, transport, this.jsonMapper);
		HandshakeDecision handshake = transport.handshake();
		try {
			this.executor.execute(new WebSocketConnectionTask(route, webSocket, handshake, this.jsonMapper));
		}
		catch (RejectedExecutionException ex) {
			logger.warn("Refused " + route.describe() + ": all WebSocket handler threads are busy");
			respond(response, HandshakeDecision.Responded.status(HttpStatus.SERVICE_UNAVAILABLE.value()));
			return;
		}
		HandshakeDecision.Outcome outcome = awaitDecision(handshake, route);
		if (outcome instanceof HandshakeDecision.Accepted accepted) {
			upgrade(request, response, accepted, selectedExtensions, user, transport, attributes);
		}
		else {
			respond(response, (HandshakeDecision.Responded) outcome);
		}
	}

	private HandshakeDecision.Outcome awaitDecision(HandshakeDecision handshake, WebSocketRoute route) {
		HandshakeDecision.Responded timedOut = new HandshakeDecision.Responded(
				HttpStatus.SERVICE_UNAVAILABLE.value(), Map.of(), new byte[0], true);
		try {
			HandshakeDecision.Outcome outcome = handshake.await(this.settings.handshakeTimeout(), timedOut);
			if (outcome == timedOut) {
				logger.warn(route.describe() + " did not accept or reject the connection within "
						+ this.settings.handshakeTimeout() + "; answered 503 and interrupted the handler");
			}
			return outcome;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return handshake.abandon(timedOut);
		}
	}

	private void upgrade(ServerHttpRequest request, ServerHttpResponse response, HandshakeDecision.Accepted accepted,
			List<WebSocketExtension> extensions, Principal user, SessionTransport transport,
			Map<String, Object> attributes) {
		HttpServletResponse servletResponse = ((ServletServerHttpResponse) response).getServletResponse();
		accepted.headers().forEach(servletResponse::addHeader);
		try {
			this.delegate.upgrade(request, response, accepted.subprotocol(), extensions, user, transport, attributes);
		}
		catch (RuntimeException ex) {
			transport.upgradeFailed(ex);
			throw ex;
		}
	}

	private void respond(ServerHttpResponse response, HandshakeDecision.Responded responded) {
		response.setStatusCode(HttpStatusCode.valueOf(responded.status()));
		HttpHeaders headers = response.getHeaders();
		responded.headers().forEach(headers::add);
		try {
			if (responded.body().length > 0) {
				response.getBody().write(responded.body());
			}
			else {
				headers.setContentLength(0);
			}
			response.flush();
		}
		catch (java.io.IOException ex) {
			throw new HandshakeFailureException("Could not write the handshake response", ex);
		}
	}

	private static URI webSocketUrl(ServerHttpRequest request) {
		URI uri = request.getURI();
		String scheme = "https".equalsIgnoreCase(uri.getScheme()) ? "wss" : "ws";
		return UriComponentsBuilder.fromUri(uri).scheme(scheme).build(true).toUri();
	}

}
