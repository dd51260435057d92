package io.fastws.bind;

import java.util.List;
import java.util.Map;

import io.fastws.test.HandshakeRejectedException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the binding errors of a rejected handshake, as a client would.
 */
final class BindingTestSupport {

	private BindingTestSupport() {
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> errorsOf(HandshakeRejectedException rejection) {
		Map<String, Object> body = JsonMapper.builder().build().readValue(rejection.getBody(), Map.class);
		return (List<Map<String, Object>>) body.get("errors");
	}

}
