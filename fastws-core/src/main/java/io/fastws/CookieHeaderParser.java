package io.fastws;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code Cookie} request headers into name-value pairs, leniently, as browsers send them.
 */
final class CookieHeaderParser {

	private CookieHeaderParser() {
	}

	static Map<String, String> parse(List<String> cookieHeaders) {
		Map<String, String> cookies = new LinkedHashMap<>();
		for (String header : cookieHeaders) {
			for (String chunk : header.split(";")) {
				int equals = chunk.indexOf('=');
				String name = ((equals >= 0) ? chunk.substring(0, equals) : "").trim();
				String value = ((equals >= 0) ? chunk.substring(equals + 1) : chunk).trim();
				if (!name.isEmpty() || !value.isEmpty()) {
					cookies.putIfAbsent(name, unquote(value));
				}
			}
		}
		return Collections.unmodifiableMap(cookies);
	}

	private static String unquote(String value) {
		if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
			return value.substring(1, value.length() - 1);
		}
		return value;
	}

}
