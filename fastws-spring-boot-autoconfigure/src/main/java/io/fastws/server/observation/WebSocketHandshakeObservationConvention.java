package io.fastws.server.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * An {@link ObservationConvention} for WebSocket handshakes; declare one as a bean, or register a
 * {@code GlobalObservationConvention}, to change the name or the key values of {@code fastws.handshakes}.
 */
public interface WebSocketHandshakeObservationConvention extends ObservationConvention<WebSocketHandshakeContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WebSocketHandshakeContext;
	}

}
