package io.fastws.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * The hand-off between the thread that holds the HTTP upgrade request and the handler thread that decides
 * it: the first decision wins, and a decision that comes too late is refused.
 */
final class HandshakeDecision {

	private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

	private volatile @Nullable Thread handlerThread;

	/**
	 * Record the handler's thread so that it can be interrupted if it does not decide in time.
	 * @param thread the handler thread
	 * @return {@code false} if the handshake was already decided without the handler, which should then not run
	 */
	boolean start(Thread thread) {
		this.handlerThread = thread;
		return !this.outcome.isDone();
	}

	/**
	 * Return whether the calling thread is the handler's.
	 * @return {@code true} on the handler thread
	 */
	boolean isHandlerThread() {
		return this.handlerThread == Thread.currentThread();
	}

	/**
	 * Decide the handshake, unless it was decided already.
	 * @param decision the outcome
	 * @return whether this decision is the one that counts
	 */
	boolean decide(Outcome decision) {
		return this.outcome.complete(decision);
	}

	boolean isDecided() {
		return this.outcome.isDone();
	}


	/**
	 * Return whether the handshake was answered without the handler because it did not decide in time.
	 * @return {@code true} once the handshake has timed out
	 */
	boolean isTimedOut() {
		return this.outcome.getNow(null) instanceof Responded responded && responded.timedOut();
	}

	/**
	 * Decide the handshake for the handler, and interrupt it, if it has not decided within the given time.
	 * @param timeout how long the handler has
	 * @param onTimeout the outcome when the handler does not decide in time
	 */
	void decideAfter(Duration timeout, Outcome onTimeout) {
		this.outcome.completeOnTimeout(onTimeout, timeout.toNanos(), TimeUnit.NANOSECONDS)
			.thenAccept((decided) -> {
				if (decided == onTimeout) {
					interruptHandler();
				}
			});
	}

	/**
	 * Run the given action once the handshake is decided: on the thread that decides it, or at once if it is
	 * decided already.
	 * @param action the action
	 */
	void whenDecided(Runnable action) {
		this.outcome.thenRun(action);
	}

	/**
	 * Return the outcome, once the handshake is decided.
	 * @return the outcome, or {@code null} while undecided
	 */
	@Nullable Outcome outcome() {
		return this.outcome.getNow(null);
	}

	/**
	 * Wait at most the given time for the handshake to be decided.
	 * @param timeout how long to wait
	 * @return the outcome, or {@code null} if the handshake is still undecided
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	@Nullable Outcome await(Duration timeout) throws InterruptedException {
		try {
			return this.outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			return null;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * Wait for the handshake to be decided, by the handler or by the {@linkplain #decideAfter time limit}.
	 * @return the outcome that counts
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	Outcome await() throws InterruptedException {
		try {
			return this.outcome.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * Decide the handshake without the handler, unless it decided already, and interrupt the handler.
	 * @param outcome the outcome to give
	 * @return the outcome that counts
	 */
	Outcome abandon(Outcome outcome) {
		if (decide(outcome)) {
			interruptHandler();
		}
		return this.outcome.join();
	}

	private void interruptHandler() {
		Thread thread = this.handlerThread;
		if (thread != null) {
			thread.interrupt();
		}
	}

	/**
	 * How a handshake ends.
	 */
	sealed interface Outcome permits Accepted, Responded, Refused {

	}

	/**
	 * The handler accepted: upgrade with this subprotocol and these extra headers.
	 * @param subprotocol the subprotocol, or {@code null}
	 * @param headers extra response headers
	 */
	record Accepted(@Nullable String subprotocol, Map<String, String> headers) implements Outcome {

	}

	/**
	 * The handler refused the handshake with an exception for the web application's own error handling,
	 * such as Spring Security's {@code AccessDeniedException}, which its filters turn into a 401 or a 403: the
	 * thread that holds the request throws it again.
	 * @param exception the exception
	 */
	record Refused(RuntimeException exception) implements Outcome {

	}

	/**
	 * The handshake is answered with this HTTP response instead.
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param body the response body
	 * @param timedOut whether the handler failed to decide in time
	 */
	record Responded(int status, Map<String, String> headers, byte[] body, boolean timedOut) implements Outcome {

		static Responded status(int status) {
			return new Responded(status, Map.of(), new byte[0], false);
		}

		static Responded timeout() {
			return new Responded(503, Map.of(), new byte[0], true);
		}

	}

}
