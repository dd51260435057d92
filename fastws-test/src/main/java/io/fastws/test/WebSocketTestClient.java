package io.fastws.test;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A WebSocket client for tests against a running application: the Java counterpart of Starlette's
 * {@code TestClient.websocket_connect}.
 *
 * <pre class="code">
 * WebSocketTestClient client = WebSocketTestClient.forPort(port);
 * try (WebSocketTestSession ws = client.connect("/ws")) {
 *     ws.sendText("hello");
 *     assertThat(ws.receiveText()).isEqualTo("Message text was: hello");
 * }
 * </pre>
 *
 * A handshake the server refuses throws {@link HandshakeRejectedException} with the HTTP status, headers
 * and body; the client never offers compression.
 */
public final class WebSocketTestClient {

	private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private static final SecureRandom random = new SecureRandom();

	private final URI baseUri;

	private final Duration receiveTimeout;

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private WebSocketTestClient(URI baseUri, Duration receiveTimeout) {
		this.baseUri = baseUri;
		this.receiveTimeout = receiveTimeout;
	}

	/**
	 * Create a client for an application on {@code localhost} at the given port.
	 * @param port the server port
	 * @return the client
	 */
	public static WebSocketTestClient forPort(int port) {
		return forUri(URI.create("ws://localhost:" + port));
	}

	/**
	 * Create a client for the application at the given base URI, such as {@code ws://127.0.0.2:8000}.
	 * @param baseUri the base URI
	 * @return the client
	 */
	public static WebSocketTestClient forUri(URI baseUri) {
		return new WebSocketTestClient(baseUri, Duration.ofSeconds(5));
	}

	/**
	 * Return a client whose receives wait at most the given time (5 seconds by default).
	 * @param timeout the receive timeout
	 * @return a new client
	 */
	public WebSocketTestClient withReceiveTimeout(Duration timeout) {
		return new WebSocketTestClient(this.baseUri, timeout);
	}

	/**
	 * Connect to the given path, which may carry a query string.
	 * @param path the path, such as {@code /items/foo/ws?token=abc}
	 * @return the open session
	 * @throws HandshakeRejectedException if the server answers with an HTTP response
	 */
	public WebSocketTestSession connect(String path) {
		return request(path).connect();
	}

	/**
	 * Start a connection request to the given path, to add headers, cookies, query parameters or
	 * subprotocols before connecting.
	 * @param path the path, possibly with a query string
	 * @return the request
	 */
	public ConnectRequest request(String path) {
		return new ConnectRequest(path);
	}

	/**
	 * A connection request being prepared.
	 */
	public final class ConnectRequest {

		private final String path;

		private final HttpHeaders headers = new HttpHeaders();

		private final Map<String, String> cookies = new LinkedHashMap<>();

		private final MultiValueMap<String, String> queryParams = new LinkedMultiValueMap<>();

		private final List<String> subprotocols = new ArrayList<>();

		private ConnectRequest(String path) {
			this.path = path;
		}

		/**
		 * Add a request header.
		 * @param name the header name
		 * @param values the values
		 * @return this request
		 */
		public ConnectRequest header(String name, String... values) {
			for (String value : values) {
				this.headers.add(name, value);
			}
			return this;
		}

		/**
		 * Add a cookie.
		 * @param name the cookie name
		 * @param value the cookie value
		 * @return this request
		 */
		public ConnectRequest cookie(String name, String value) {
			this.cookies.put(name, value);
			return this;
		}

		/**
		 * Add a query parameter, encoded as needed.
		 * @param name the parameter name
		 * @param values the values
		 * @return this request
		 */
		public ConnectRequest queryParam(String name, String... values) {
			for (String value : values) {
				this.queryParams.add(name, value);
			}
			return this;
		}

		/**
		 * Offer subprotocols, in order of preference.
		 * @param subprotocols the subprotocols
		 * @return this request
		 */
		public ConnectRequest subprotocols(String... subprotocols) {
			this.subprotocols.addAll(List.of(subprotocols));
			return this;
		}

		/**
		 * Open the connection.
		 * @return the open session
		 * @throws HandshakeRejectedException if the server answers with an HTTP response
		 */
		public WebSocketTestSession connect() {
			int query = this.path.indexOf('?');
			URI uri = UriComponentsBuilder.fromUri(WebSocketTestClient.this.baseUri)
				.path((query >= 0) ? this.path.substring(0, query) : this.path)
				.query((query >= 0) ? this.path.substring(query + 1) : null)
				.queryParams(this.queryParams)
				.encode()
				.build()
				.toUri();
			try {
				return handshake(uri, this);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not connect to " + uri, ex);
			}
		}

	}

	private WebSocketTestSession handshake(URI uri, ConnectRequest request) throws IOException {
		int port = (uri.getPort() != -1) ? uri.getPort() : 80;
		Socket socket = new Socket();
		socket.setTcpNoDelay(true);
		socket.connect(new InetSocketAddress(uri.getHost(), port), 5000);
		try {
			String key = newKey();
			OutputStream output = socket.getOutputStream();
			output.write(requestText(uri, port, key, request).getBytes(StandardCharsets.UTF_8));
			output.flush();
			socket.setSoTimeout((int) Math.max(1000, this.receiveTimeout.toMillis() * 2));
			InputStream input = new BufferedInputStream(socket.getInputStream());
			HttpResponseReader reader = new HttpResponseReader(input);
			int status = reader.readStatus();
			HttpHeaders headers = reader.readHeaders();
			if (status != 101) {
				byte[] body = reader.readBody(headers);
				socket.close();
				throw new HandshakeRejectedException(status, headers, body);
			}
			if (!expectedAccept(key).equals(headers.getFirst("Sec-WebSocket-Accept"))) {
				throw new IOException("The server answered with a wrong Sec-WebSocket-Accept");
			}
			socket.setSoTimeout(0);
			return new WebSocketTestSession(socket, input, headers, this.receiveTimeout, this.jsonMapper);
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	private static String requestText(URI uri, int port, String key, ConnectRequest request) {
		StringBuilder text = new StringBuilder();
		String target = uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		text.append("GET ").append(target.isEmpty() ? "/" : target).append(" HTTP/1.1\r\n");
		text.append("Host: ").append(uri.getHost()).append(':').append(port).append("\r\n");
		text.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
		text.append("Sec-WebSocket-Key: ").append(key).append("\r\nSec-WebSocket-Version: 13\r\n");
		if (!request.subprotocols.isEmpty()) {
			text.append("Sec-WebSocket-Protocol: ").append(String.join(", ", request.subprotocols)).append("\r\n");
		}
		if (!request.cookies.isEmpty()) {
			StringJoiner cookies = new StringJoiner("; ");
			request.cookies.forEach((name, value) -> cookies.add(name + "=" + value));
			text.append("Cookie: ").append(cookies).append("\r\n");
		}
		request.headers.forEach((name, values) -> values
			.forEach((value) -> text.append(name).append(": ").append(value).append("\r\n")));
		return text.append("\r\n").toString();
	}

	private static String newKey() {
		byte[] nonce = new byte[16];
		random.nextBytes(nonce);
		return Base64.getEncoder().encodeToString(nonce);
	}

	private static String expectedAccept(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1")
				.digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
