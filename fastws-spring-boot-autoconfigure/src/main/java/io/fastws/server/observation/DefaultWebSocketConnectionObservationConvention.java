package io.fastws.server.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default {@link WebSocketConnectionObservationConvention}: observations named {@code fastws.connections},
 * with the route's template as {@code route} and, once closed, {@code close.code} and {@code outcome}; the
 * request's path is a high-cardinality {@code url.path}.
 */
public class DefaultWebSocketConnectionObservationConvention implements WebSocketConnectionObservationConvention {

	/**
	 * The default name of connection observations, and so of their timer and of the long task timer of open
	 * connections ({@code fastws.connections.active}).
	 */
	public static final String NAME = "fastws.connections";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(WebSocketConnectionContext context) {
		return "websocket " + context.getRoute();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WebSocketConnectionContext context) {
		KeyValue route = KeyValue.of("route", context.getRoute());
		Integer closeCode = context.getCloseCode();
		String outcome = context.getOutcome();
		if (closeCode == null || outcome == null) {
			// while open, as for the active connections
			return KeyValues.of(route);
		}
		return KeyValues.of(route, KeyValue.of("close.code", closeCode.toString()), KeyValue.of("outcome", outcome));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(WebSocketConnectionContext context) {
		return KeyValues.of(KeyValue.of("url.path", context.getPath()));
	}

}
