package io.fastws.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.fastws.OutboundMessage;
import io.fastws.WebSocketDisconnect;
import io.micrometer.observation.Observation;
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

	private final @Nullable Observation requestObservation;

	private final AtomicReference<@Nullable Observation> handshakeObservation;

	private volatile @Nullable String reason;

	private volatile HandshakeOutcome outcome = HandshakeOutcome.ERROR;

	private volatile boolean abandoned;

	private volatile int shutdownCloseCode;

	private final CompletableFuture<Void> established = new CompletableFuture<>();

	private OutboundMessage.@Nullable DenialResponseStart denialStart;

	private @Nullable ByteArrayOutputStream denialBody;

	PendingConnection(WebSocketRoute route, Map<String, String> pathParams, Duration handshakeTimeout,
			@Nullable Observation requestObservation, Observation handshakeObservation) {
		this.route = route;
		this.pathParams = pathParams;
		this.handshakeTimeout = handshakeTimeout;
		this.requestObservation = requestObservation;
		this.handshakeObservation = new AtomicReference<>(handshakeObservation);
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
	 * Return the observation of the upgrade request, the parent of the handshake's and the connection's.
	 * @return the request's observation, or {@code null} if it is not observed
	 */
	@Nullable Observation requestObservation() {
		return this.requestObservation;
	}

	/**
	 * Take the observation of the handshake, to stop it: only the first caller gets it.
	 * @return the observation, or {@code null} if it was taken already
	 */
	@Nullable Observation takeHandshakeObservation() {
		return this.handshakeObservation.getAndSet(null);
	}

	/**
	 * Record why the handshake was refused, in a few words for the access log and as an outcome for the
	 * metrics.
	 * @param outcome the outcome
	 * @param reason the reason
	 */
	void refusedBecause(HandshakeOutcome outcome, String reason) {
		this.outcome = outcome;
		this.reason = reason;
	}

	@Nullable String reason() {
		return this.reason;
	}

	/**
	 * Return the outcome of a handshake the handler refused.
	 * @return the outcome recorded with the reason, {@link HandshakeOutcome#ERROR} if none was
	 */
	HandshakeOutcome refusal() {
		return this.outcome;
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
			refusedBecause(HandshakeOutcome.REJECTED, "closed by the handler with " + close.code() + " before accepting");
			this.decision.decide(HandshakeDecision.Responded.status(HttpStatus.FORBIDDEN.value()));
		}
		else if (message instanceof OutboundMessage.DenialResponseStart start) {
			this.denialStart = start;
			this.denialBody = new ByteArrayOutputStream();
		}
		else if (message instanceof OutboundMessage.DenialResponseBody body && this.denialStart != null) {
			this.denialBody.write(body.body());
			if (!body.moreBody()) {
				refusedBecause(HandshakeOutcome.DENIED, "denial response of the handler");
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
			refusedBecause(HandshakeOutcome.SHUTDOWN, "shutting down");
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
