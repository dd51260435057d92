package io.fastws.server;

import java.util.Map;

import io.fastws.CloseCodes;
import io.fastws.WebSocket;
import io.fastws.WebSocketDisconnect;
import io.fastws.WebSocketException;
import io.fastws.WebSocketState;
import io.fastws.WebSocketStateException;
import io.fastws.bind.ArgumentBindingException;
import io.fastws.bind.DependencyScope;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponse;

/**
 * Runs a route's handler for one connection, on the connection's own thread, and ends the connection the
 * way its handler left it.
 *
 * <p>Before a decision: arguments that cannot be bound reject the handshake (403, with a JSON body listing
 * the errors), a {@link WebSocketException} rejects it (403), an {@link ErrorResponse} such as a
 * {@code ResponseStatusException} answers with its status and a problem-detail body, any other exception or
 * a handler that returns fails it (500). After accept: returning closes with 1000, a
 * {@link WebSocketException} closes with its code and reason, an {@link ErrorResponse} with a 4xx status
 * closes with 1008 and its detail, any other exception closes with 1011 and is logged once at ERROR. A
 * {@link WebSocketDisconnect} is how a connection normally ends and is not logged as an error. Last, the
 * {@code AutoCloseable} results of the connection's providers are closed.
 */
final class WebSocketConnectionTask implements Runnable {

	private static final Log logger = LogFactory.getLog(WebSocketConnectionTask.class);

	private final WebSocketRoute route;

	private final WebSocket webSocket;

	private final HandshakeDecision handshake;

	private final JsonMapper jsonMapper;

	private final WebSocketConnections connections;

	private final ServedConnection served;

	private final PendingConnection pending;

	private final SessionTransport transport;

	private final SecurityContextCarrier securityContext;

	private final RequestContextCarrier requestContext;

	WebSocketConnectionTask(PendingConnection pending, SessionTransport transport, WebSocket webSocket,
			UpgradeSupport support) {
		this.route = pending.route();
		this.pending = pending;
		this.webSocket = webSocket;
		this.handshake = pending.decision();
		this.jsonMapper = support.jsonMapper();
		this.connections = support.connections();
		this.transport = transport;
		this.served = new ServedConnection(pending, transport, webSocket.url().getRawPath());
		this.securityContext = SecurityContextCarrier.capture();
		this.requestContext = RequestContextCarrier.capture(pending.requestObservation());
	}

	@Override
	public void run() {
		this.served.started(Thread.currentThread());
		this.connections.add(this.served);
		try {
			this.requestContext.run(() -> this.securityContext.run(this::serve));
		}
		finally {
			this.connections.remove(this.served);
		}
	}

	private void serve() {
		if (!this.handshake.start(Thread.currentThread())) {
			return;
		}
		Throwable failure = null;
		DependencyScope dependencies = new DependencyScope(describe());
		try {
			this.route.handler().invoke(this.webSocket, dependencies);
		}
		catch (WebSocketDisconnect ex) {
			if (logger.isDebugEnabled()) {
				logger.debug(describe() + " ended: client disconnected with " + ex.getCode());
			}
		}
		catch (Throwable ex) {
			failure = ex;
		}
		finally {
			finish(failure);
			// opened after the dependencies were, so closed before them
			this.transport.leaveConnectionScope();
			dependencies.close();
			Thread.interrupted();
		}
	}

	private void finish(Throwable failure) {
		WebSocketState state = this.webSocket.applicationState();
		if (state == WebSocketState.CONNECTED) {
			closeConnection(failure);
		}
		else if (!this.handshake.isDecided()) {
			try {
				failHandshake(failure);
			}
			catch (RuntimeException ex) {
				logger.error(describe() + " could not answer the handshake", ex);
				this.handshake.decide(HandshakeDecision.Responded.status(HttpStatus.INTERNAL_SERVER_ERROR.value()));
			}
		}
		else if (this.handshake.isTimedOut() || this.connections.isShuttingDown()) {
			if (logger.isDebugEnabled()) {
				logger.debug(describe() + " ended after its handshake was answered without it (timeout or shutdown)",
						failure);
			}
		}
		else if (failure != null && !(failure instanceof WebSocketException)) {
			logger.error(describe() + " failed after the connection was closed", failure);
		}
	}

	private void failHandshake(Throwable failure) {
		if (failure instanceof ArgumentBindingException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug(describe() + " rejected: " + ex.getMessage());
			}
			this.pending.refusedBecause(HandshakeOutcome.BINDING_ERROR, ex.getMessage());
			byte[] body = this.jsonMapper.writeValueAsBytes(Map.of("errors", ex.getErrors()));
			this.handshake.decide(new HandshakeDecision.Responded(HttpStatus.FORBIDDEN.value(),
					Map.of(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE), body, false));
			return;
		}
		if (failure instanceof WebSocketException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug(describe() + " rejected the handshake with " + ex);
			}
			this.pending.refusedBecause(HandshakeOutcome.REJECTED, "rejected by the handler with " + ex.getCode()
					+ (ex.getReason().isEmpty() ? "" : " " + ex.getReason()));
			this.handshake.decide(HandshakeDecision.Responded.status(HttpStatus.FORBIDDEN.value()));
			return;
		}
		if (failure instanceof RuntimeException ex && SecurityContextCarrier.isAccessDenied(ex)) {
			if (logger.isDebugEnabled()) {
				logger.debug(describe() + " refused the handshake: " + ex);
			}
			this.pending.refusedBecause(HandshakeOutcome.DENIED, "access denied");
			this.handshake.decide(new HandshakeDecision.Refused(ex));
			return;
		}
		if (failure instanceof ErrorResponse error) {
			if (logger.isDebugEnabled()) {
				logger.debug(describe() + " rejected the handshake with " + error.getStatusCode() + ": " + failure);
			}
			this.pending.refusedBecause(HandshakeOutcome.DENIED, String.valueOf(failure.getMessage()));
			this.handshake.decide(ErrorResponseDenial.response(error, this.webSocket.url().getRawPath(), this.jsonMapper));
			return;
		}
		if (failure == null) {
			logger.error(describe() + " returned without accepting or rejecting the connection");
			this.pending.refusedBecause(HandshakeOutcome.ERROR, "the handler returned without deciding");
		}
		else {
			logger.error(describe() + " failed before accepting or rejecting the connection", failure);
			this.pending.refusedBecause(HandshakeOutcome.ERROR, "the handler failed: " + failure.getClass().getSimpleName());
		}
		this.handshake.decide(HandshakeDecision.Responded.status(HttpStatus.INTERNAL_SERVER_ERROR.value()));
	}

	private void closeConnection(Throwable failure) {
		if (failure == null) {
			closeQuietly(CloseCodes.WS_1000_NORMAL_CLOSURE, "");
		}
		else if (failure instanceof WebSocketException ex) {
			closeQuietly(ex.getCode(), ex.getReason());
		}
		else if (SecurityContextCarrier.isAccessDenied(failure)) {
			if (logger.isDebugEnabled()) {
				logger.debug(describe() + " closed the connection: " + failure);
			}
			closeQuietly(CloseCodes.WS_1008_POLICY_VIOLATION, "Access denied");
		}
		else if (failure instanceof ErrorResponse error && !error.getStatusCode().is5xxServerError()) {
			if (logger.isDebugEnabled()) {
				logger.debug(describe() + " closed the connection with " + error.getStatusCode() + ": " + failure);
			}
			closeQuietly(ErrorResponseDenial.closeCode(error), ErrorResponseDenial.closeReason(error));
		}
		else {
			logger.error(describe() + " failed", failure);
			closeQuietly(CloseCodes.WS_1011_INTERNAL_ERROR, "");
		}
	}

	private void closeQuietly(int code, String reason) {
		try {
			this.webSocket.close(code, CloseCodes.truncateReason(reason));
		}
		catch (WebSocketDisconnect | WebSocketStateException ex) {
			// the client is gone already: nothing left to close
		}
	}

	private String describe() {
		return this.route.describe() + " for " + this.webSocket.url().getRawPath();
	}

}
