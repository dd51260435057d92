package io.fastws.server;

import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import io.fastws.HandshakeRequest;
import io.fastws.WebSocket;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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
 * The {@link RequestUpgradeStrategy} of one {@link PendingConnection}: once Spring has validated the
 * handshake, the route's handler starts on its own thread and the upgrade waits for its first decision.
 *
 * <p>Accepting upgrades through the container's own strategy, with the handler's subprotocol and headers;
 * any other decision is written as a plain HTTP response.
 */
final class HandlerDecidedUpgradeStrategy implements RequestUpgradeStrategy {

	private static final Log logger = LogFactory.getLog(HandlerDecidedUpgradeStrategy.class);

	private static final RateLimitedWarning busyWarning = new RateLimitedWarning(logger, Duration.ofSeconds(10));

	private final PendingConnection pending;

	private final SessionTransport transport;

	private final UpgradeSupport support;

	private final RequestUpgradeStrategy delegate;

	HandlerDecidedUpgradeStrategy(PendingConnection pending, SessionTransport transport, UpgradeSupport support) {
		this.pending = pending;
		this.transport = transport;
		this.support = support;
		this.delegate = support.container().upgradeStrategy();
	}

	@Override
	public String[] getSupportedVersions() {
		return this.delegate.getSupportedVersions();
	}

	@Override
	public List<WebSocketExtension> getSupportedExtensions(ServerHttpRequest request) {
		return this.delegate.getSupportedExtensions(request);
	}

	/**
	 * Start the handler and answer the upgrade as it decides. The given handler is this connection's
	 * transport, which the strategy holds already.
	 */
	@Override
	public void upgrade(ServerHttpRequest request, ServerHttpResponse response, String selectedProtocol,
			List<WebSocketExtension> selectedExtensions, Principal user, WebSocketHandler wsHandler,
			Map<String, Object> attributes) throws HandshakeFailureException {
		WebSocketRoute route = this.pending.route();
		HandshakeRequest handshakeRequest = new HandshakeRequest(webSocketUrl(request), request.getHeaders(),
				request.getRemoteAddress(), user, this.pending.pathParams());
		WebSocket webSocket = new WebSocket(handshakeRequest, this.transport, this.support.jsonMapper());
		try {
			this.support.executor()
				.execute(new WebSocketConnectionTask(this.pending, this.transport, webSocket, this.support));
		}
		catch (RejectedExecutionException ex) {
			busyWarning.warn("Refused a connection to " + route.describe()
					+ " with 503: all WebSocket handler threads are busy (fastws.thread-pool.max-size)");
			respond(response, HandshakeDecision.Responded.status(HttpStatus.SERVICE_UNAVAILABLE.value()));
			return;
		}
		HandshakeDecision.Outcome outcome = awaitDecision(route);
		if (outcome instanceof HandshakeDecision.Accepted accepted) {
			upgrade(request, response, accepted, selectedExtensions, user, attributes);
		}
		else if (outcome instanceof HandshakeDecision.Refused refused) {
			throw refused.exception();
		}
		else {
			respond(response, (HandshakeDecision.Responded) outcome);
		}
	}

	private HandshakeDecision.Outcome awaitDecision(WebSocketRoute route) {
		HandshakeDecision handshake = this.pending.decision();
		Duration timeout = this.support.settings().handshakeTimeout();
		HandshakeDecision.Responded timedOut = new HandshakeDecision.Responded(
				HttpStatus.SERVICE_UNAVAILABLE.value(), Map.of(), new byte[0], true);
		try {
			HandshakeDecision.Outcome outcome = handshake.await(timeout, timedOut);
			if (outcome == timedOut) {
				logger.warn(route.describe() + " did not accept or reject the connection within " + timeout
						+ "; answered 503 and interrupted the handler");
			}
			return outcome;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return handshake.abandon(timedOut);
		}
	}

	private void upgrade(ServerHttpRequest request, ServerHttpResponse response, HandshakeDecision.Accepted accepted,
			List<WebSocketExtension> extensions, Principal user, Map<String, Object> attributes) {
		HttpServletResponse servletResponse = ((ServletServerHttpResponse) response).getServletResponse();
		accepted.headers().forEach(servletResponse::addHeader);
		try {
			this.delegate.upgrade(request, response, accepted.subprotocol(), extensions, user, this.transport,
					attributes);
		}
		catch (RuntimeException ex) {
			this.pending.upgradeFailed(ex);
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
