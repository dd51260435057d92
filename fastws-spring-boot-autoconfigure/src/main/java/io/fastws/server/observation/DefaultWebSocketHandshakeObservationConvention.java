package io.fastws.server.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default {@link WebSocketHandshakeObservationConvention}: observations named {@code fastws.handshakes},
 * with the route's template as {@code route} and, once answered, {@code outcome} and {@code status}; the
 * request's path is a high-cardinality {@code url.path}.
 */
public class DefaultWebSocketHandshakeObservationConvention implements WebSocketHandshakeObservationConvention {

	/**
	 * The default name of handshake observations, and so of their timer.
	 */
	public static final String NAME = "fastws.handshakes";

	private static final String UNKNOWN = "UNKNOWN";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(WebSocketHandshakeContext context) {
		return "websocket handshake " + context.getRoute();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WebSocketHandshakeContext context) {
		KeyValue route = KeyValue.of("route", context.getRoute());
		String outcome = context.getOutcome();
		if (outcome == null) {
			// while undecided, as for the active handshakes
			return KeyValues.of(route);
		}
		String status = (context.getStatus() != 0) ? Integer.toString(context.getStatus()) : UNKNOWN;
		return KeyValues.of(route, KeyValue.of("outcome", outcome), KeyValue.of("status", status));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(WebSocketHandshakeContext context) {
		return KeyValues.of(KeyValue.of("url.path", context.getPath()));
	}

}
