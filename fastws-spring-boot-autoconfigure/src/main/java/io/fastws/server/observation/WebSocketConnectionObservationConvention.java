package io.fastws.server.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * An {@link ObservationConvention} for WebSocket connections; declare one as a bean, or register a
 * {@code GlobalObservationConvention}, to change the name or the key values of {@code fastws.connections}.
 */
public interface WebSocketConnectionObservationConvention
		extends ObservationConvention<WebSocketConnectionContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WebSocketConnectionContext;
	}

}
