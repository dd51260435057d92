package io.fastws;

import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

import org.springframework.core.GenericTypeResolver;
import org.springframework.core.ResolvableType;
import org.springframework.util.Assert;

/**
 * A class-based WebSocket endpoint, Starlette's {@code WebSocketEndpoint}: a connection is served by
 * {@link #onConnect(WebSocket) onConnect}, then {@link #onReceive(WebSocket, Object) onReceive} for each
 * message, decoded as the {@linkplain Encoding encoding} says, and last
 * {@link #onDisconnect(WebSocket, int) onDisconnect} with the close code.
 *
 * <p>A subclass that is a {@link io.fastws.annotation.WebSocketController @WebSocketController} bean with a
 * {@link io.fastws.annotation.WebSocketMapping @WebSocketMapping} on its class serves that route. It may
 * declare, instead of overriding {@code onConnect(WebSocket)}, one {@code onConnect} method with more
 * parameters, such as {@code onConnect(WebSocket webSocket, @PathVariable String room)}: fastws binds them
 * as it binds a handler method's, and rejects the handshake when they cannot be bound. The parameters of
 * {@code onReceive} and {@code onDisconnect} are not bound: they get the connection, the message and the
 * close code. One instance serves every connection, as any singleton bean: keep what one connection needs
 * in its {@link WebSocket#attributes() attributes}, or declare the bean with prototype scope for an
 * instance per connection, as Starlette creates one.
 *
 * @param <T> the type {@code onReceive} gets each message as: {@code String} for
 * {@link Encoding#TEXT TEXT}, {@code byte[]} for {@link Encoding#BYTES BYTES}, the type to read for
 * {@link Encoding#JSON JSON}, {@code Object} for {@link Encoding#NONE NONE}
 */
public abstract class WebSocketEndpoint<T> {

	private static final String EXPECTED_TEXT = "Expected text websocket messages, but got bytes";

	private static final String EXPECTED_BYTES = "Expected bytes websocket messages, but got text";

	private static final String MALFORMED_JSON = "Malformed JSON data received.";

	private final Encoding encoding;

	private final ResolvableType dataType;

	/**
	 * Create an endpoint that decodes messages with the given encoding; for {@link Encoding#JSON JSON},
	 * into the type argument the subclass gives {@code WebSocketEndpoint}, such as {@code ChatMessage} for
	 * {@code extends WebSocketEndpoint<ChatMessage>}.
	 * @param encoding how to decode each message
	 */
	protected WebSocketEndpoint(Encoding encoding) {
		Assert.notNull(encoding, "Encoding must not be null");
		this.encoding = encoding;
		// substituted as far as the class hierarchy allows, type arguments included, for the JSON mapper
		this.dataType = ResolvableType.forType(
				GenericTypeResolver.resolveType(WebSocketEndpoint.class.getTypeParameters()[0], getClass()));
	}

	/**
	 * Create an endpoint that decodes messages with the given encoding, into the given type for
	 * {@link Encoding#JSON JSON}: for a subclass whose type argument is itself a type variable.
	 * @param encoding how to decode each message
	 * @param dataType the type {@code onReceive} gets each message as
	 */
	protected WebSocketEndpoint(Encoding encoding, Class<T> dataType) {
		Assert.notNull(encoding, "Encoding must not be null");
		Assert.notNull(dataType, "Data type must not be null");
		this.encoding = encoding;
		this.dataType = ResolvableType.forClass(dataType);
	}

	/**
	 * Return how each message is decoded.
	 * @return the encoding
	 */
	public Encoding getEncoding() {
		return this.encoding;
	}

	/**
	 * Return the type {@code onReceive} gets each message as.
	 * @return the type, {@link ResolvableType#NONE} if the subclass's type argument cannot be resolved
	 */
	public ResolvableType getDataType() {
		return this.dataType;
	}

	/**
	 * Serve a connection, as Starlette's {@code dispatch}: {@link #onConnect(WebSocket)}, then
	 * {@link #dispatchMessages(WebSocket)}. For a route it maps, fastws calls the {@code onConnect} method it
	 * binds instead, then {@code dispatchMessages}; this method is for an endpoint a handler serves itself.
	 * @param webSocket the connection
	 * @throws Exception what {@code onConnect}, {@code onReceive} or {@code onDisconnect} threw
	 */
	public void dispatch(WebSocket webSocket) throws Exception {
		onConnect(webSocket);
		dispatchMessages(webSocket);
	}

	/**
	 * Serve a connection once {@code onConnect} has returned: receive each message, decode it and call
	 * {@link #onReceive(WebSocket, Object)} with it, until the client disconnects; then call
	 * {@link #onDisconnect(WebSocket, int)} with the client's close code.
	 * <p>When {@code onConnect} did not accept the connection, nothing is received and {@code onDisconnect}
	 * gets 1006, as uvicorn reports a rejected connection. When {@code onReceive} throws, or a message
	 * cannot be decoded, {@code onDisconnect} gets 1011 and the exception is rethrown. A message of the
	 * wrong type or malformed JSON first closes the connection with 1003, then throws an
	 * {@link InvalidMessageException} with Starlette's message, such as
	 * {@code "Expected text websocket messages, but got bytes"}, which is also the close reason.
	 * @param webSocket the connection, which {@code onConnect} has accepted
	 * @throws Exception what {@code onReceive} or {@code onDisconnect} threw
	 */
	public void dispatchMessages(WebSocket webSocket) throws Exception {
		if (webSocket.applicationState() != WebSocketState.CONNECTED) {
			onDisconnect(webSocket, CloseCodes.WS_1006_ABNORMAL_CLOSURE);
			return;
		}
		int closeCode = CloseCodes.WS_1000_NORMAL_CLOSURE;
		try {
			while (true) {
				InboundMessage message = webSocket.receive();
				if (message instanceof InboundMessage.Disconnect disconnect) {
					closeCode = disconnect.code();
					break;
				}
				onReceive(webSocket, decode(webSocket, message));
			}
		}
		catch (Throwable ex) {
			closeCode = CloseCodes.WS_1011_INTERNAL_ERROR;
			throw ex;
		}
		finally {
			onDisconnect(webSocket, closeCode);
		}
	}

	@SuppressWarnings("unchecked")
	private T decode(WebSocket webSocket, InboundMessage message) {
		return (T) switch (this.encoding) {
			case TEXT -> {
				if (!(message instanceof InboundMessage.ReceiveText text)) {
					throw unsupported(webSocket, EXPECTED_TEXT);
				}
				yield text.text();
			}
			case BYTES -> {
				if (!(message instanceof InboundMessage.ReceiveBytes bytes)) {
					throw unsupported(webSocket, EXPECTED_BYTES);
				}
				yield bytes.bytes();
			}
			case JSON -> readJson(webSocket, message);
			case NONE -> (message instanceof InboundMessage.ReceiveText text) ? text.text()
					: ((InboundMessage.ReceiveBytes) message).bytes();
		};
	}

	private Object readJson(WebSocket webSocket, InboundMessage message) {
		Assert.state(this.dataType.resolve() != null, () -> getClass().getName()
				+ " reads JSON, but the type to read it as cannot be resolved from its WebSocketEndpoint<T>");
		try {
			return webSocket.readJson(message, this.dataType.getType());
		}
		catch (JacksonException ex) {
			if (ex instanceof StreamReadException || isBlank(message)) {
				throw unsupported(webSocket, MALFORMED_JSON);
			}
			throw unsupported(webSocket,
					"Invalid JSON for " + this.dataType.toClass().getSimpleName() + ": " + ex.getOriginalMessage());
		}
	}

	private static boolean isBlank(InboundMessage message) {
		return (message instanceof InboundMessage.ReceiveText text) ? text.text().isBlank()
				: new String(((InboundMessage.ReceiveBytes) message).bytes(), StandardCharsets.UTF_8).isBlank();
	}

	private static InvalidMessageException unsupported(WebSocket webSocket, String reason) {
		InvalidMessageException exception = new InvalidMessageException(CloseCodes.WS_1003_UNSUPPORTED_DATA, reason);
		webSocket.close(exception.getCode(), exception.getReason());
		return exception;
	}

	/**
	 * Called when a client connects; accepts the connection unless overridden. An override may choose a
	 * subprotocol, or reject the connection with {@link WebSocket#close()} or a {@link WebSocketException}.
	 * @param webSocket the connection, not yet accepted
	 * @throws Exception to fail the handshake, as a handler method's exception does
	 */
	protected void onConnect(WebSocket webSocket) throws Exception {
		webSocket.accept();
	}

	/**
	 * Called with each message the client sends, decoded; does nothing unless overridden.
	 * @param webSocket the connection
	 * @param data the message, as the encoding decodes it
	 * @throws Exception to end the connection: {@code onDisconnect} then gets 1011
	 */
	protected void onReceive(WebSocket webSocket, T data) throws Exception {
	}

	/**
	 * Called once the client has disconnected, or once the loop ended with an exception; does nothing
	 * unless overridden. The connection may still be open when this is called after an exception: it is
	 * closed as a handler method's would be once this returns.
	 * @param webSocket the connection
	 * @param closeCode the client's close code, 1011 if an exception ended the loop, 1006 if
	 * {@code onConnect} did not accept the connection
	 * @throws Exception what the override threw
	 */
	protected void onDisconnect(WebSocket webSocket, int closeCode) throws Exception {
	}

	/**
	 * How an endpoint decodes each message for {@code onReceive}: Starlette's {@code encoding}.
	 */
	public enum Encoding {

		/**
		 * A text message as a {@code String}; a binary message closes the connection with 1003.
		 */
		TEXT,

		/**
		 * A binary message as a {@code byte[]}; a text message closes the connection with 1003.
		 */
		BYTES,

		/**
		 * A text message, or a binary one in UTF-8, read as JSON into the endpoint's data type with the
		 * application's {@code JsonMapper}; malformed JSON, or JSON that does not fit the type, closes the
		 * connection with 1003.
		 */
		JSON,

		/**
		 * No decoding, Starlette's {@code encoding = None}: a text message as a {@code String}, a binary
		 * message as a {@code byte[]}, for an endpoint declared {@code WebSocketEndpoint<Object>}.
		 */
		NONE

	}

}
