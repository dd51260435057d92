package io.fastws.server.observation;

import org.jspecify.annotations.Nullable;

/**
 * The observation context of one WebSocket handshake, from the upgrade request's arrival to the
 * answer: a 101 when the handler accepts, or the response that refused it.
 */
public class WebSocketHandshakeContext extends WebSocketObservationContext {

	private @Nullable String outcome;

	private int status;

	/**
	 * Create the context of a handshake.
	 * @param route the template of the route the request matched, such as {@code /ws/{client_id}}
	 * @param path the request's path, without its query
	 */
	public WebSocketHandshakeContext(String route, String path) {
		super(route, path);
	}

	/**
	 * Return how the handshake ended: {@code accepted}, {@code rejected}, {@code denied},
	 * {@code binding_error}, {@code origin}, {@code busy}, {@code timeout}, {@code invalid}, {@code shutdown} or
	 * {@code error}.
	 * @return the outcome, or {@code null} while the handshake is undecided
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	/**
	 * Return the HTTP status of the answer.
	 * @return the status, {@code 0} while undecided or when the application's error handling answers
	 */
	public int getStatus() {
		return this.status;
	}

	/**
	 * Record how the handshake ended.
	 * @param outcome the outcome
	 * @param status the HTTP status of the answer, or {@code 0} if the application's error handling answers
	 */
	public void setAnswer(String outcome, int status) {
		this.outcome = outcome;
		this.status = status;
	}

}
