package io.fastws.sample;

import java.util.Optional;

import io.fastws.CloseCodes;
import io.fastws.WebSocketException;

import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Provides the {@code session} cookie or, without one, the {@code token} query parameter; with neither,
 * rejects the connection.
 */
@Component
class CookieOrToken {

	public String get(@CookieValue Optional<String> session, @RequestParam Optional<String> token) {
		if (session.isEmpty() && token.isEmpty()) {
			throw new WebSocketException(CloseCodes.WS_1008_POLICY_VIOLATION);
		}
		return session.orElseGet(token::get);
	}

}
