package io.fastws;

import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

/**
 * One WebSocket connection, as a handler sees it: Starlette's {@code WebSocket} in Java form.
 *
 * <p>The handler decides the handshake with {@link #accept()}, {@link #close()} or
 * {@link #sendDenialResponse(int, Map, byte[])}, then exchanges text, binary and JSON messages. Every call
 * is checked against the connection's {@linkplain #clientState() client} and
 * {@linkplain #applicationState() application} states, and a call out of order throws a
 * {@link WebSocketStateException} with Starlette's message. When the client leaves, {@code receive*()}
 * throws {@link WebSocketDisconnect}; a send to a client that is gone does too.
 *
 * <p>One thread may receive while any number of others send; sends are serialised and never interleave,
 * and a sender waits only for its own message, never holding others up while a client is slow.
 */
public class WebSocket {

	private static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";

	private static final Set<String> HANDSHAKE_HEADERS = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

	static {
		HANDSHAKE_HEADERS.addAll(List.of(HttpHeaders.UPGRADE, HttpHeaders.CONNECTION, "Sec-WebSocket-Accept",
				SEC_WEBSOCKET_PROTOCOL, "Sec-WebSocket-Extensions"));
	}

	private final HandshakeRequest request;

	private final ConnectionStateMachine connection;

	private final JsonCodec json;

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	/**
	 * Create a WebSocket over the given transport.
	 * @param request the handshake request that opened the connection
	 * @param transport the connection beneath
	 * @param jsonMapper the mapper for JSON messages
	 */
	public WebSocket(HandshakeRequest request, WebSocketTransport transport, JsonMapper jsonMapper) {
		this.request = request;
		this.connection = new ConnectionStateMachine(transport);
		this.json = new JsonCodec(jsonMapper);
	}

	// States and raw messages

	/**
	 * Return the client's side of the state machine, advanced by what is received.
	 * @return the client state
	 */
	public WebSocketState clientState() {
		return this.connection.clientState();
	}

	/**
	 * Return the application's side of the state machine, advanced by what is sent.
	 * @return the application state
	 */
	public WebSocketState applicationState() {
		return this.connection.applicationState();
	}

	/**
	 * Receive the next raw message. A disconnect is returned, not thrown.
	 * @return the message
	 * @throws WebSocketStateException if the message is not valid in the client state
	 */
	public InboundMessage receive() {
		return this.connection.receive();
	}

	/**
	 * Send a raw message.
	 * @param message the message
	 * @throws WebSocketStateException if the message is not valid in the application state
	 * @throws WebSocketDisconnect if the client is gone
	 */
	public void send(OutboundMessage message) {
		this.connection.send(message);
	}

	// Handshake

	/**
	 * Accept the connection with no subprotocol and no extra headers.
	 */
	public void accept() {
		accept(null, Map.of());
	}

	/**
	 * Accept the connection with the given subprotocol.
	 * @param subprotocol one of the {@linkplain #subprotocols() offered subprotocols}, or {@code null}
	 */
	public void accept(@Nullable String subprotocol) {
		accept(subprotocol, Map.of());
	}

	/**
	 * Accept the connection with the given subprotocol and extra response headers.
	 * @param subprotocol one of the {@linkplain #subprotocols() offered subprotocols}, or {@code null}
	 * @param headers extra headers for the handshake response
	 * @throws IllegalArgumentException if the client did not offer the subprotocol, or a header is one the
	 * handshake sets itself
	 */
	public void accept(@Nullable String subprotocol, Map<String, String> headers) {
		if (subprotocol != null && !subprotocols().contains(subprotocol)) {
			throw new IllegalArgumentException(
					"Subprotocol '" + subprotocol + "' was not offered by the client; offered: " + subprotocols());
		}
		for (String name : headers.keySet()) {
			if (HANDSHAKE_HEADERS.contains(name)) {
				throw new IllegalArgumentException("Header '" + name + "' is set by the handshake itself"
						+ (name.equalsIgnoreCase(SEC_WEBSOCKET_PROTOCOL) ? ": pass the subprotocol instead" : ""));
			}
		}
		if (clientState() == WebSocketState.CONNECTING) {
			receive();
		}
		send(new OutboundMessage.Accept(subprotocol, new LinkedHashMap<>(headers)));
	}

	/**
	 * Answer the handshake with an HTTP response instead of accepting it.
	 * @param status the HTTP status, 200 to 599
	 * @param headers the response headers
	 * @param body the response body
	 * @throws WebSocketStateException if the server does not support denial responses, or the handshake
	 * was already decided
	 */
	public void sendDenialResponse(int status, Map<String, String> headers, byte[] body) {
		if (status < 200 || status > 599) {
			throw new IllegalArgumentException("A denial response needs a status from 200 to 599, but got " + status);
		}
		if (!this.connection.supportsDenialResponse()) {
			throw new WebSocketStateException("The server doesn't support the Websocket Denial Response extension.");
		}
		send(new OutboundMessage.DenialResponseStart(status, headers));
		send(new OutboundMessage.DenialResponseBody(body, false));
	}

	/**
	 * Answer the handshake with an HTTP response with a text body, {@code text/plain} unless the headers
	 * name another content type.
	 * @param status the HTTP status, 200 to 599
	 * @param headers the response headers
	 * @param body the response body, sent as UTF-8
	 */
	public void sendDenialResponse(int status, Map<String, String> headers, String body) {
		Map<String, String> withType = new LinkedHashMap<>(headers);
		if (withType.keySet().stream().noneMatch(HttpHeaders.CONTENT_TYPE::equalsIgnoreCase)) {
			withType.put(HttpHeaders.CONTENT_TYPE, "text/plain;charset=UTF-8");
		}
		sendDenialResponse(status, withType, body.getBytes(StandardCharsets.UTF_8));
	}

	// Receiving

	/**
	 * Receive the next text message.
	 * @return the text
	 * @throws WebSocketDisconnect when the client has closed the connection or it was lost
	 * @throws InvalidMessageException if the client sent a binary message
	 */
	public String receiveText() {
		InboundMessage message = receiveData();
		if (message instanceof InboundMessage.ReceiveText text) {
			return text.text();
		}
		throw InvalidMessageException.unexpectedType("text", message);
	}

	/**
	 * Receive the next binary message.
	 * @return the payload
	 * @throws WebSocketDisconnect when the client has closed the connection or it was lost
	 * @throws InvalidMessageException if the client sent a text message
	 */
	public byte[] receiveBytes() {
		InboundMessage message = receiveData();
		if (message instanceof InboundMessage.ReceiveBytes bytes) {
			return bytes.bytes();
		}
		throw InvalidMessageException.unexpectedType("binary", message);
	}

	/**
	 * Receive the next text message as any JSON value: a {@link Map}, {@link List}, {@link String},
	 * {@link Number}, {@link Boolean} or {@code null}.
	 * @return the value
	 */
	public @Nullable Object receiveJson() {
		return receiveJson(Object.class, JsonMode.TEXT);
	}

	/**
	 * Receive the next message as any JSON value, from a text or a binary frame.
	 * @param mode the frame type the JSON is expected in
	 * @return the value
	 */
	public @Nullable Object receiveJson(JsonMode mode) {
		return receiveJson(Object.class, mode);
	}

	/**
	 * Receive the next text message as JSON bound to the given type.
	 * @param <T> the type
	 * @param type the class to bind to
	 * @return the value
	 * @throws InvalidMessageException if the message is not JSON of that type
	 */
	public <T> T receiveJson(Class<T> type) {
		return receiveJson(type, JsonMode.TEXT);
	}

	/**
	 * Receive the next message as JSON bound to the given type, from a text or a binary frame.
	 * @param <T> the type
	 * @param type the class to bind to
	 * @param mode the frame type the JSON is expected in
	 * @return the value
	 * @throws InvalidMessageException if the message is not JSON of that type, or is in the other frame type
	 */
	public <T> T receiveJson(Class<T> type, JsonMode mode) {
		return this.json.decode(receiveData(), mode, type);
	}

	/**
	 * Return the text messages until the client disconnects; the iteration then ends quietly.
	 * @return an iterable over received text
	 */
	public Iterable<String> iterText() {
		return () -> new MessageIterator<>(this::receiveText);
	}

	/**
	 * Return the binary messages until the client disconnects; the iteration then ends quietly.
	 * @return an iterable over received payloads
	 */
	public Iterable<byte[]> iterBytes() {
		return () -> new MessageIterator<>(this::receiveBytes);
	}

	/**
	 * Return the text messages as JSON of the given type until the client disconnects; the iteration then
	 * ends quietly.
	 * @param <T> the type
	 * @param type the class to bind to
	 * @return an iterable over received values
	 */
	public <T> Iterable<T> iterJson(Class<T> type) {
		return () -> new MessageIterator<>(() -> receiveJson(type));
	}

	/**
	 * Read a received text or binary message as JSON of the given type, for a {@link WebSocketEndpoint}.
	 * @throws tools.jackson.core.JacksonException if the message is not JSON of that type
	 */
	@Nullable Object readJson(InboundMessage message, Type type) {
		return this.json.read(message, type);
	}

	private InboundMessage receiveData() {
		if (applicationState() != WebSocketState.CONNECTED) {
			WebSocketDisconnect lost = this.connection.lostWith();
			if (lost != null) {
				// a send, perhaps another thread's, found the connection gone: say so, not "accept first"
				throw new WebSocketDisconnect(lost.getCode(), lost.getReason());
			}
			throw new WebSocketNotConnectedException("WebSocket is not connected. Need to call \"accept\" first.");
		}
		InboundMessage message = receive();
		if (message instanceof InboundMessage.Disconnect disconnect) {
			throw new WebSocketDisconnect(disconnect.code(), disconnect.reason());
		}
		return message;
	}

	// Sending

	/**
	 * Send a text message.
	 * @param text the text
	 * @throws WebSocketDisconnect if the client is gone
	 */
	public void sendText(String text) {
		send(new OutboundMessage.SendText(text));
	}

	/**
	 * Send a binary message.
	 * @param bytes the payload
	 * @throws WebSocketDisconnect if the client is gone
	 */
	public void sendBytes(byte[] bytes) {
		send(new OutboundMessage.SendBytes(bytes));
	}

	/**
	 * Send a value as compact JSON in a text message.
	 * @param value the value
	 * @throws WebSocketDisconnect if the client is gone
	 */
	public void sendJson(Object value) {
		sendJson(value, JsonMode.TEXT);
	}

	/**
	 * Send a value as compact JSON in a text or a binary message.
	 * @param value the value
	 * @param mode the frame type to send the JSON in
	 * @throws WebSocketDisconnect if the client is gone
	 */
	public void sendJson(Object value, JsonMode mode) {
		send(this.json.encode(value, mode));
	}

	/**
	 * Queue a text message without waiting for a slow client; messages are sent in the order they are
	 * queued, whichever thread queues them.
	 * @param text the text
	 * @return a future that completes once the message is written, or fails with {@link WebSocketDisconnect}
	 * if the client is gone or over its send limits
	 */
	public CompletableFuture<Void> sendTextAsync(String text) {
		return this.connection.sendAsync(new OutboundMessage.SendText(text));
	}

	/**
	 * Queue a binary message without waiting for a slow client.
	 * @param bytes the payload
	 * @return a future that completes once the message is written, or fails with {@link WebSocketDisconnect}
	 * if the client is gone or over its send limits
	 */
	public CompletableFuture<Void> sendBytesAsync(byte[] bytes) {
		return this.connection.sendAsync(new OutboundMessage.SendBytes(bytes));
	}

	/**
	 * Return a future that completes when this connection ends, closed by either side or lost.
	 * @return the future of the connection's end
	 */
	public CompletableFuture<Void> whenClosed() {
		return this.connection.whenClosed();
	}

	// Closing

	/**
	 * Close the connection normally (1000) or, before accepting, reject it.
	 */
	public void close() {
		close(CloseCodes.WS_1000_NORMAL_CLOSURE, "");
	}

	/**
	 * Close the connection with the given code or, before accepting, reject it.
	 * @param code the close code
	 */
	public void close(int code) {
		close(code, "");
	}

	/**
	 * Close the connection with the given code and reason or, before accepting, reject it.
	 * @param code the close code: 1000-1003, 1007-1014 or 3000-4999
	 * @param reason the close reason, or {@code null}; cut at a whole character, with "...", to fit the 123
	 * bytes of UTF-8 a close frame holds, as a {@link WebSocketException}'s reason is
	 * @throws IllegalArgumentException if the code may not be sent
	 */
	public void close(int code, @Nullable String reason) {
		CloseCodes.assertSendable(code);
		send(new OutboundMessage.Close(code, CloseCodes.truncateReason(reason)));
	}

	// Connection data

	/**
	 * Return the handshake request that opened this connection.
	 * @return the request
	 */
	public HandshakeRequest request() {
		return this.request;
	}

	/**
	 * Return the request URL.
	 * @return the URL, such as {@code ws://localhost:8000/items/foo/ws?q=3}
	 */
	public URI url() {
		return this.request.url();
	}

	/**
	 * Return the request headers: case-insensitive, multi-valued, read-only.
	 * @return the headers
	 */
	public HttpHeaders headers() {
		return this.request.headers();
	}

	/**
	 * Return the decoded query parameters, multi-valued, read-only.
	 * @return the query parameters
	 */
	public MultiValueMap<String, String> queryParams() {
		return this.request.queryParams();
	}

	/**
	 * Return the variables of the matched route template.
	 * @return the path variables, read-only
	 */
	public Map<String, String> pathParams() {
		return this.request.pathParams();
	}

	/**
	 * Return the request cookies by name.
	 * @return the cookies, read-only
	 */
	public Map<String, String> cookies() {
		return this.request.cookies();
	}

	/**
	 * Return the client's address.
	 * @return the address, or {@code null} if unknown
	 */
	public @Nullable InetSocketAddress client() {
		return this.request.remoteAddress();
	}

	/**
	 * Return the authenticated user of the upgrade request.
	 * @return the principal, or {@code null} when anonymous
	 */
	public @Nullable Principal principal() {
		return this.request.principal();
	}

	/**
	 * Return the subprotocols the client offered, in its order.
	 * @return the offered subprotocols
	 */
	public List<String> subprotocols() {
		return this.request.subprotocols();
	}

	/**
	 * Return this connection's own attributes, Starlette's {@code websocket.state}: a thread-safe map for
	 * the handler and its dependencies.
	 * @return the mutable attributes
	 */
	public Map<String, Object> attributes() {
		return this.attributes;
	}

	@Override
	public String toString() {
		return "WebSocket[" + this.request.url().getRawPath() + ", client=" + clientState() + ", application="
				+ applicationState() + "]";
	}

}
