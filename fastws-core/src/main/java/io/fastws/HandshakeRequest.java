package io.fastws;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;

/**
 * What the client sent to open a connection: the upgrade request, and the path variables of the route it
 * matched.
 *
 * <p>Query parameters, cookies and offered subprotocols are parsed once, when the request is created.
 */
public final class HandshakeRequest {

	private final URI url;

	private final HttpHeaders headers;

	private final @Nullable InetSocketAddress remoteAddress;

	private final @Nullable Principal principal;

	private final Map<String, String> pathParams;

	private final MultiValueMap<String, String> queryParams;

	private final Map<String, String> cookies;

	private final List<String> subprotocols;

	/**
	 * Create a request.
	 * @param url the request URL, with a {@code ws} or {@code wss} scheme
	 * @param headers the request headers, copied, since a server recycles its own once the handshake is over
	 * @param remoteAddress the client's address, or {@code null} if unknown
	 * @param principal the authenticated user, or {@code null} when anonymous
	 * @param pathParams the variables of the matched route template
	 */
	public HandshakeRequest(URI url, HttpHeaders headers, @Nullable InetSocketAddress remoteAddress,
			@Nullable Principal principal,
			Map<String, String> pathParams) {
		this.url = url;
		this.headers = HttpHeaders.readOnlyHttpHeaders(HttpHeaders.copyOf(headers));
		this.remoteAddress = remoteAddress;
		this.principal = principal;
		this.pathParams = Collections.unmodifiableMap(new LinkedHashMap<>(pathParams));
		this.queryParams = QueryStringParser.parse(url.getRawQuery());
		this.cookies = CookieHeaderParser.parse(headers.getOrEmpty(HttpHeaders.COOKIE));
		this.subprotocols = parseSubprotocols(headers);
	}

	/**
	 * Create a request with no client address, principal or path variables.
	 * @param url the request URL
	 * @param headers the request headers
	 * @return the request
	 */
	public static HandshakeRequest of(URI url, HttpHeaders headers) {
		return new HandshakeRequest(url, headers, null, null, Map.of());
	}

	private static List<String> parseSubprotocols(HttpHeaders headers) {
		List<String> offered = new ArrayList<>();
		for (String value : headers.getOrEmpty("Sec-WebSocket-Protocol")) {
			for (String token : StringUtils.tokenizeToStringArray(value, ",")) {
				offered.add(token);
			}
		}
		return List.copyOf(offered);
	}

	/**
	 * Return the request URL, such as {@code ws://localhost:8000/items/foo/ws?q=3}.
	 * @return the URL
	 */
	public URI url() {
		return this.url;
	}

	/**
	 * Return the request headers: case-insensitive, multi-valued, read-only.
	 * @return the headers
	 */
	public HttpHeaders headers() {
		return this.headers;
	}

	/**
	 * Return the client's address.
	 * @return the address, or {@code null} if unknown
	 */
	public @Nullable InetSocketAddress remoteAddress() {
		return this.remoteAddress;
	}

	/**
	 * Return the authenticated user of the upgrade request.
	 * @return the principal, or {@code null} when anonymous
	 */
	public @Nullable Principal principal() {
		return this.principal;
	}

	/**
	 * Return the variables of the matched route template, in template order.
	 * @return the path variables, read-only
	 */
	public Map<String, String> pathParams() {
		return this.pathParams;
	}

	/**
	 * Return the decoded query parameters: repeated keys keep every value in order, and a key with an empty
	 * value or no {@code =} maps to the empty string.
	 * @return the query parameters, read-only
	 */
	public MultiValueMap<String, String> queryParams() {
		return this.queryParams;
	}

	/**
	 * Return the cookies of the {@code Cookie} headers; when a name repeats, the first value wins.
	 * @return the cookies by name, read-only
	 */
	public Map<String, String> cookies() {
		return this.cookies;
	}

	/**
	 * Return the subprotocols the client offered in {@code Sec-WebSocket-Protocol}, in its order.
	 * @return the offered subprotocols, read-only
	 */
	public List<String> subprotocols() {
		return this.subprotocols;
	}

}
