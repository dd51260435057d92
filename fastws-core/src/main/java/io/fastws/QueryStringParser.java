package io.fastws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Parses a raw query string the way form decoding does: {@code +} is a space, percent escapes are UTF-8,
 * and blank values are kept.
 */
final class QueryStringParser {

	private QueryStringParser() {
	}

	static MultiValueMap<String, String> parse(String rawQuery) {
		LinkedMultiValueMap<String, String> params = new LinkedMultiValueMap<>();
		if (rawQuery != null && !rawQuery.isEmpty()) {
			for (String pair : rawQuery.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int equals = pair.indexOf('=');
				String name = (equals >= 0) ? pair.substring(0, equals) : pair;
				String value = (equals >= 0) ? pair.substring(equals + 1) : "";
				params.add(decode(name), decode(value));
			}
		}
		return CollectionUtils.unmodifiableMultiValueMap(params);
	}

	private static String decode(String component) {
		try {
			return URLDecoder.decode(component, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return component;
		}
	}

}
