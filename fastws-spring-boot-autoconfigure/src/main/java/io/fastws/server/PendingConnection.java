package io.fastws.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fastws.OutboundMessage;
import io.fastws.WebSocketDisconnect;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * One upgrade request on its way to becoming a connection: the route it matched, the path variables, the
 * handler's decision, the denial response being written, and the signal that the container has
 * established the connection.
 *
 * <p>The handler thread answers the handshake with the messages it sends before the upgrade; the request
 * waits for that {@linkplain #decision() decision}, without a container thread where it can (see
 * {@link DeferredUpgrade}), and is then upgraded or answered.
 */
final class PendingConnection {

	private final WebSocketRoute route;

	private final Map<String, String> pathParams;

	private final Duration handshakeTimeout;

	private final HandshakeDecision decision = new HandshakeDecision();

	private final long started = System.nanoTime();

	private volatile @Nullable String reason;

	private volatile boolean abandoned;

	private volatile int shutdownCloseCode;

	private final CompletableFuture<Void> established = new CompletableFuture<>();

	private OutboundMessage.@Nullable DenialResponseStart denialStart;

	private @Nullable ByteArrayOutputStream denialBody;

	PendingConnection(WebSocketRoute route, Map<String, String> pathParams, Duration handshakeTimeout) {
		this.route = route;
		this.pathParams = pathParams;
		this.handshakeTimeout = handshakeTimeout;
	}

	WebSocketRoute route() {
		return this.route;
	}

	Map<String, String> pathParams() {
		return this.pathParams;
	}

	HandshakeDecision decision() {
		return this.decision;
	}

	/**
	 * Return when the upgrade request arrived.
	 * @return the time, from {@link System#nanoTime()}
	 */
	long started() {
		return this.started;
	}

	/**
	 * Record why the handshake was refused, in a few words, for the access log.
	 * @param reason the reason
	 */
	void refusedBecause(String reason) {
		this.reason = reason;
	}

	@Nullable String reason() {
		return this.reason;
	}

	/**
	 * Answer the handshake with a message the handler sent before the upgrade. An accept returns once the
	 * container has established the connection.
	 * @param message an accept, a close or part of a denial response
	 * @throws IOException if the handshake was answered already, or the upgrade failed
	 */
	void answer(OutboundMessage message) throws IOException {
		if (message instanceof OutboundMessage.Accept accept) {
			if (!this.decision.decide(new HandshakeDecision.Accepted(accept.subprotocol(), accept.headers()))) {
				IOException answered = new IOException("The handshake was already answered");
				if (this.shutdownCloseCode != 0) {
					answered.initCause(new WebSocketDisconnect(this.shutdownCloseCode, ""));
				}
				throw answered;
			}
			awaitEstablished();
		}
		else if (message instanceof OutboundMessage.Close close) {
			refusedBecause("closed by the handler with " + close.code() + " before accepting");
			this.decision.decide(HandshakeDecision.Responded.status(HttpStatus.FORBIDDEN.value()));
		}
		else if (message instanceof OutboundMessage.DenialResponseStart start) {
			this.denialStart = start;
			this.denialBody = new ByteArrayOutputStream();
		}
		else if (message instanceof OutboundMessage.DenialResponseBody body && this.denialStart != null) {
			this.denialBody.write(body.body());
			if (!body.moreBody()) {
				refusedBecause("denial response of the handler");
				this.decision.decide(new HandshakeDecision.Responded(this.denialStart.status(),
						this.denialStart.headers(), this.denialBody.toByteArray(), false));
			}
		}
		else {
			throw new IOException("Unexpected message before the handshake: " + message.type());
		}
	}

	/**
	 * Return the future of the accepted connection's establishment by the container.
	 * @return a future that completes once the connection is established, or fails if the upgrade failed
	 */
	CompletableFuture<Void> whenEstablished() {
		return this.established;
	}

	/**
	 * Answer the handshake with 503 for the handler because the server is shutting down, unless it is
	 * answered already; the handler's accept then fails with a disconnect of the given code.
	 * @param closeCode the close code of the shutdown
	 * @return whether this answer is the one that counts
	 */
	boolean refuseForShutdown(int closeCode) {
		this.shutdownCloseCode = closeCode;
		if (!this.decision.isDecided()) {
			refusedBecause("shutting down");
		}
		return this.decision.decide(HandshakeDecision.Responded.status(HttpStatus.SERVICE_UNAVAILABLE.value()));
	}

	/**
	 * Return whether the handler gave up waiting for the connection it accepted to be established, so that
	 * a connection established after all must be closed at once.
	 * @return {@code true} once the handler has given up
	 */
	boolean isAbandoned() {
		return this.abandoned;
	}

	/**
	 * Report that the container has established the accepted connection.
	 */
	void established() {
		this.established.complete(null);
	}

	/**
	 * Report that the container could not complete the upgrade the handler accepted.
	 * @param failure what went wrong
	 */
	void upgradeFailed(Throwable failure) {
		this.established.completeExceptionally(failure);
	}

	private void awaitEstablished() throws IOException {
		try {
			this.established.get(this.handshakeTimeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while the connection was being upgraded", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			this.abandoned = true;
			throw new IOException("The connection could not be upgraded", ex);
		}
	}

}
