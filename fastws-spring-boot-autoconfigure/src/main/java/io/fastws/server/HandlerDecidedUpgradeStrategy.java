package io.fastws.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;

import io.fastws.HandshakeRequest;
import io.fastws.WebSocket;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.util.Assert;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.RequestUpgradeStrategy;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The {@link RequestUpgradeStrategy} of one {@link PendingConnection}: once Spring has validated the
 * handshake, the route's handler starts on its own thread and the upgrade waits for its first decision,
 * without holding a container thread meanwhile where the request allows asynchronous processing.
 *
 * <p>Accepting upgrades through the container's own strategy, with the handler's subprotocol and headers;
 * any other decision is written as a plain HTTP response.
 */
final class HandlerDecidedUpgradeStrategy implements RequestUpgradeStrategy {

	private static final Log logger = LogFactory.getLog(HandlerDecidedUpgradeStrategy.class);

	/**
	 * How long the container thread waits for a handler that decides at once before it lets the request go:
	 * a second dispatch of the request costs more.
	 */
	private static final Duration QUICK_DECISION = Duration.ofMillis(5);

	private static final RateLimitedWarning busyWarning = new RateLimitedWarning(logger, Duration.ofSeconds(10));

	private static final RateLimitedWarning closedWarning = new RateLimitedWarning(logger, Duration.ofSeconds(10));

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
	 *
	 * <p>Unless the handler decides at once, as most do, the container thread is let go until it does (see
	 * {@link DeferredUpgrade}).
	 */
	@Override
	public void upgrade(ServerHttpRequest request, ServerHttpResponse response, String selectedProtocol,
			List<WebSocketExtension> selectedExtensions, Principal user, WebSocketHandler wsHandler,
			Map<String, Object> attributes) throws HandshakeFailureException {
		if (!startHandler(request, user)) {
			respond(response, HandshakeDecision.Responded.status(HttpStatus.SERVICE_UNAVAILABLE.value()));
			logHandshake(request, HttpStatus.SERVICE_UNAVAILABLE.value(), HandshakeOutcome.BUSY,
					"all handler threads are busy");
			return;
		}
		HandshakeDecision handshake = this.pending.decision();
		HttpServletRequest servletRequest = ((ServletServerHttpRequest) request).getServletRequest();
		BiConsumer<ServerHttpRequest, ServerHttpResponse> resumption = (resumedRequest,
				resumedResponse) -> answer(resumedRequest, resumedResponse, selectedExtensions, user, attributes, true);
		// read now: once the request has ended, the container may have recycled it
		InetSocketAddress remoteAddress = request.getRemoteAddress();
		URI uri = request.getURI();
		Runnable lost = () -> {
			this.pending.upgradeFailed(new IOException("The upgrade request ended before it was answered"));
			this.support.observer()
				.handshakeAnswered(this.pending, remoteAddress, uri, 0, HandshakeOutcome.ERROR,
						"request ended before it was answered");
		};
		if (!isDecidedWithin(QUICK_DECISION) && DeferredUpgrade.defer(servletRequest, handshake, resumption, lost)) {
			return;
		}
		awaitDecision();
		answer(request, response, selectedExtensions, user, attributes, false);
	}

	private boolean startHandler(ServerHttpRequest request, Principal user) {
		WebSocketRoute route = this.pending.route();
		HandshakeRequest handshakeRequest = new HandshakeRequest(webSocketUrl(request), request.getHeaders(),
				request.getRemoteAddress(), user, this.pending.pathParams());
		WebSocket webSocket = new WebSocket(handshakeRequest, this.transport, this.support.jsonMapper());
		this.pending.decision()
			.decideAfter(this.support.settings().handshakeTimeout(), HandshakeDecision.Responded.timeout());
		try {
			this.support.executor()
				.execute(new WebSocketConnectionTask(this.pending, this.transport, webSocket, this.support));
			return true;
		}
		catch (RejectedExecutionException ex) {
			this.pending.decision().decide(HandshakeDecision.Responded.status(HttpStatus.SERVICE_UNAVAILABLE.value()));
			busyWarning.warn("Refused a connection to " + route.describe()
					+ " with 503: all WebSocket handler threads are busy (fastws.thread-pool.max-size)");
			return false;
		}
	}

	private boolean isDecidedWithin(Duration time) {
		try {
			return this.pending.decision().await(time) != null;
		}
		catch (InterruptedException ex) {
			abandonHandler();
			return true;
		}
	}

	private void awaitDecision() {
		try {
			this.pending.decision().await();
		}
		catch (InterruptedException ex) {
			abandonHandler();
		}
	}

	/**
	 * Decide for the handler, as if it had run out of time, because the waiting thread was interrupted.
	 */
	private void abandonHandler() {
		Thread.currentThread().interrupt();
		this.pending.decision().abandon(HandshakeDecision.Responded.timeout());
	}

	private void answer(ServerHttpRequest request, ServerHttpResponse response, List<WebSocketExtension> extensions,
			Principal user, Map<String, Object> attributes, boolean resumed) {
		HandshakeDecision.Outcome outcome = this.pending.decision().outcome();
		Assert.state(outcome != null, "The handshake is not decided yet");
		if (outcome instanceof HandshakeDecision.Accepted accepted) {
			upgrade(request, response, accepted, extensions, user, attributes, resumed);
		}
		else if (outcome instanceof HandshakeDecision.Refused refused) {
			logHandshake(request, 0, HandshakeOutcome.DENIED,
					"access denied, answered by the application's error handling");
			throw refused.exception();
		}
		else if (outcome instanceof HandshakeDecision.Responded responded) {
			if (responded.timedOut()) {
				logger.warn(this.pending.route().describe() + " did not accept or reject the connection within "
						+ this.support.settings().handshakeTimeout() + "; answered 503 and interrupted the handler");
			}
			try {
				respond(response, responded);
			}
			finally {
				// also when the client has gone before the answer could be written
				if (responded.timedOut()) {
					logHandshake(request, responded.status(), HandshakeOutcome.TIMEOUT, "handshake timeout");
				}
				else {
					logHandshake(request, responded.status(), this.pending.refusal(), this.pending.reason());
				}
			}
		}
	}

	private void upgrade(ServerHttpRequest request, ServerHttpResponse response, HandshakeDecision.Accepted accepted,
			List<WebSocketExtension> extensions, Principal user, Map<String, Object> attributes, boolean resumed) {
		HttpServletResponse servletResponse = ((ServletServerHttpResponse) response).getServletResponse();
		accepted.headers().forEach(servletResponse::addHeader);
		try {
			this.delegate.upgrade(request, response, accepted.subprotocol(), extensions, user, this.transport,
					attributes);
			boolean closedByContainer = resumed && !this.support.container().completesUpgradeAfterDispatch(servletResponse);
			logHandshake(request, HttpStatus.SWITCHING_PROTOCOLS.value(), HandshakeOutcome.ACCEPTED,
					closedByContainer ? "closed by the container after the 101 response" : null);
			if (closedByContainer) {
				closedWarning.warn("The container closed a connection to " + this.pending.route().describe()
						+ " after its 101 response instead of upgrading it: the upgrade request was the last it allows"
						+ " on its connection (server.tomcat.max-keep-alive-requests; -1 allows any number)");
				this.pending.upgradeFailed(new IOException("The container closed the connection after the upgrade"));
			}
		}
		catch (IOException ex) {
			this.pending.upgradeFailed(ex);
			logHandshake(request, HttpStatus.INTERNAL_SERVER_ERROR.value(), HandshakeOutcome.ERROR, "upgrade failed");
			throw new HandshakeFailureException("Could not write the upgrade response", ex);
		}
		catch (RuntimeException ex) {
			this.pending.upgradeFailed(ex);
			logHandshake(request, HttpStatus.INTERNAL_SERVER_ERROR.value(), HandshakeOutcome.ERROR, "upgrade failed");
			throw ex;
		}
	}

	private void logHandshake(ServerHttpRequest request, int status, HandshakeOutcome outcome,
			@Nullable String detail) {
		this.support.observer()
			.handshakeAnswered(this.pending, request.getRemoteAddress(), request.getURI(), status, outcome, detail);
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
		catch (IOException ex) {
			throw new HandshakeFailureException("Could not write the handshake response", ex);
		}
	}

	private static URI webSocketUrl(ServerHttpRequest request) {
		URI uri = request.getURI();
		String scheme = "https".equalsIgnoreCase(uri.getScheme()) ? "wss" : "ws";
		return UriComponentsBuilder.fromUri(uri).scheme(scheme).build(true).toUri();
	}

}
