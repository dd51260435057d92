package io.fastws.server.observation;

import org.jspecify.annotations.Nullable;

/**
 * The observation context of one WebSocket connection, from the upgrade to the close.
 */
public class WebSocketConnectionContext extends WebSocketObservationContext {

	private @Nullable Integer closeCode;

	private @Nullable String outcome;

	/**
	 * Create the context of a connection.
	 * @param route the template of the route the connection was made to, such as {@code /ws/{client_id}}
	 * @param path the request's path, without its query
	 */
	public WebSocketConnectionContext(String route, String path) {
		super(route, path);
	}

	/**
	 * Return the connection's close code.
	 * @return the close code, or {@code null} while the connection is open
	 */
	public @Nullable Integer getCloseCode() {
		return this.closeCode;
	}

	/**
	 * Return why the connection ended: {@code normal}, {@code client_gone}, {@code closed}, {@code error},
	 * {@code slow_client}, {@code heartbeat}, {@code idle}, {@code too_big}, {@code invalid_data} or
	 * {@code shutdown}.
	 * @return the outcome, or {@code null} while the connection is open
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	/**
	 * Record how the connection ended.
	 * @param closeCode the close code
	 * @param outcome why it ended
	 */
	public void setClosed(int closeCode, String outcome) {
		this.closeCode = closeCode;
		this.outcome = outcome;
	}

}
