package io.fastws.server;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fastws.CloseCodes;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * What an {@link ErrorResponse}, such as a {@code ResponseStatusException}, thrown by a handler or one of its
 * dependencies, gives the client: before accept, a response with its status, its headers and an RFC 9457
 * problem-detail body, as Spring MVC writes it; after accept, a close frame.
 */
final class ErrorResponseDenial {

	private ErrorResponseDenial() {
	}

	/**
	 * Return the handshake response for an error thrown before accept.
	 * @param error the error
	 * @param path the request path, the problem's instance unless it names one
	 * @param jsonMapper the mapper for the body
	 * @return the response
	 */
	static HandshakeDecision.Responded response(ErrorResponse error, String path, JsonMapper jsonMapper) {
		Map<String, String> headers = new LinkedHashMap<>();
		error.getHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
		headers.put(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		byte[] body = jsonMapper.writeValueAsBytes(problem(error.getBody(), path));
		return new HandshakeDecision.Responded(error.getStatusCode().value(), headers, body, false);
	}

	/**
	 * Return the close code for an error thrown after accept: 1011 for a server error, 1008 (policy
	 * violation) for any other status, since the client's request was refused.
	 * @param error the error
	 * @return the close code
	 */
	static int closeCode(ErrorResponse error) {
		return error.getStatusCode().is5xxServerError() ? CloseCodes.WS_1011_INTERNAL_ERROR
				: CloseCodes.WS_1008_POLICY_VIOLATION;
	}

	/**
	 * Return the close reason for an error thrown after accept: the problem's detail, or its title.
	 * @param error the error
	 * @return the reason, truncated to fit a close frame
	 */
	static String closeReason(ErrorResponse error) {
		ProblemDetail problem = error.getBody();
		String reason = (problem.getDetail() != null) ? problem.getDetail() : problem.getTitle();
		return CloseCodes.truncateReason(reason);
	}

	private static Map<String, Object> problem(ProblemDetail problem, String path) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (problem.getType() != null) {
			body.put("type", problem.getType().toString());
		}
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		if (problem.getDetail() != null) {
			body.put("detail", problem.getDetail());
		}
		URI instance = problem.getInstance();
		body.put("instance", (instance != null) ? instance.toString() : path);
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return body;
	}

}
