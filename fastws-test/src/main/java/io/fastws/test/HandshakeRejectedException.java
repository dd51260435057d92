package io.fastws.test;

import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;

/**
 * Thrown by {@link WebSocketTestClient} when the server answers the handshake with an HTTP response instead
 * of upgrading: Starlette's {@code WebSocketDenialResponse}.
 */
public class HandshakeRejectedException extends RuntimeException {

	private final int status;

	private final HttpHeaders headers;

	private final byte[] body;

	HandshakeRejectedException(int status, HttpHeaders headers, byte[] body) {
		super("Handshake rejected with HTTP " + status
				+ ((body.length > 0) ? ": " + new String(body, StandardCharsets.UTF_8) : ""));
		this.status = status;
		this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
		this.body = body;
	}

	/**
	 * Return the HTTP status of the response.
	 * @return the status code, such as 403
	 */
	public int getStatus() {
		return this.status;
	}

	/**
	 * Return the response headers.
	 * @return the headers, read-only
	 */
	public HttpHeaders getHeaders() {
		return this.headers;
	}

	/**
	 * Return the response body.
	 * @return the body, empty when there was none
	 */
	public byte[] getBody() {
		return this.body.clone();
	}

	/**
	 * Return the response body decoded as UTF-8.
	 * @return the body text
	 */
	public String getBodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

}
