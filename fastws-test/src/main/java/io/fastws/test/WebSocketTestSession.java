package io.fastws.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.fastws.CloseCodes;
import io.fastws.InvalidMessageException;
import io.fastws.JsonMode;
import io.fastws.WebSocketDisconnect;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

/**
 * One connection opened by {@link WebSocketTestClient}: the Java counterpart of Starlette's
 * {@code WebSocketTestSession}.
 *
 * <p>Every receive waits at most the client's receive timeout and then throws
 * {@link ReceiveTimeoutException}; once the server has closed the connection, every receive throws
 * {@link WebSocketDisconnect} with the server's code and reason. A message that cannot be read as asked
 * throws {@link InvalidMessageException} with the code and text the server's {@code WebSocket} uses.
 * Closing the session sends a normal close.
 */
public final class WebSocketTestSession implements AutoCloseable {

	private static final Object CLOSED = new Object();

	private final Socket socket;

	private final FrameCodec codec;

	private final String subprotocol;

	private final HttpHeaders responseHeaders;

	private final Duration receiveTimeout;

	private final JsonMapper jsonMapper;

	private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();

	private volatile CloseFrame serverClose;

	private volatile boolean closeSent;

	private final Object readingLock = new Object();

	private boolean readingPaused;

	private final Object fragmentLock = new Object();

	private int fragmentedOpcode = -1;

	WebSocketTestSession(Socket socket, InputStream input, HttpHeaders responseHeaders, Duration receiveTimeout,
			JsonMapper jsonMapper) throws IOException {
		this.socket = socket;
		this.codec = new FrameCodec(input, socket.getOutputStream());
		this.subprotocol = responseHeaders.getFirst("Sec-WebSocket-Protocol");
		this.responseHeaders = HttpHeaders.readOnlyHttpHeaders(responseHeaders);
		this.receiveTimeout = receiveTimeout;
		this.jsonMapper = jsonMapper;
		Thread reader = new Thread(this::readFrames, "websocket-test-reader");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Return the subprotocol the server accepted.
	 * @return the subprotocol, or {@code null} for none
	 */
	public String getAcceptedSubprotocol() {
		return this.subprotocol;
	}

	/**
	 * Return the headers of the server's 101 response.
	 * @return the headers, read-only
	 */
	public HttpHeaders getResponseHeaders() {
		return this.responseHeaders;
	}

	// Sending

	/**
	 * Send a text message.
	 * @param text the text
	 */
	public void sendText(String text) {
		write(FrameCodec.TEXT, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Send a binary message.
	 * @param bytes the payload
	 */
	public void sendBytes(byte[] bytes) {
		write(FrameCodec.BINARY, bytes);
	}

	/**
	 * Send a value as compact JSON in a text message.
	 * @param value the value
	 */
	public void sendJson(Object value) {
		sendJson(value, JsonMode.TEXT);
	}

	/**
	 * Send a value as compact JSON in a text or binary message.
	 * @param value the value
	 * @param mode the frame type
	 */
	public void sendJson(Object value, JsonMode mode) {
		byte[] json = this.jsonMapper.writeValueAsBytes(value);
		write((mode == JsonMode.BINARY) ? FrameCodec.BINARY : FrameCodec.TEXT, json);
	}

	/**
	 * Send a text message in fragments: its UTF-8 bytes cut into frames of {@code fragmentSize} bytes, the
	 * last one shorter if need be, so that a character may be split between two frames, as the protocol
	 * allows.
	 * @param text the text
	 * @param fragmentSize the payload size of each frame, at least 1
	 */
	public void sendFragmented(String text, int fragmentSize) {
		sendFragmented(FrameCodec.TEXT, text.getBytes(StandardCharsets.UTF_8), fragmentSize);
	}

	/**
	 * Send a binary message in fragments: frames of {@code fragmentSize} bytes, the last one shorter if need
	 * be.
	 * @param bytes the payload
	 * @param fragmentSize the payload size of each frame, at least 1
	 */
	public void sendFragmented(byte[] bytes, int fragmentSize) {
		sendFragmented(FrameCodec.BINARY, bytes, fragmentSize);
	}

	/**
	 * Send one fragment of a text message: the first call begins the message, later ones continue it, and
	 * the one with {@code last} ends it. The bytes go out as given, so a fragment may end inside a
	 * character, and bytes that are not UTF-8 reach the server as they are.
	 * @param utf8 the fragment's payload
	 * @param last whether the fragment ends the message
	 * @throws IllegalStateException if a binary message is being sent in fragments
	 */
	public void sendTextFragment(byte[] utf8, boolean last) {
		sendFragment(FrameCodec.TEXT, utf8, last);
	}

	/**
	 * Send one fragment of a binary message: the first call begins the message, later ones continue it, and
	 * the one with {@code last} ends it.
	 * @param bytes the fragment's payload
	 * @param last whether the fragment ends the message
	 * @throws IllegalStateException if a text message is being sent in fragments
	 */
	public void sendBytesFragment(byte[] bytes, boolean last) {
		sendFragment(FrameCodec.BINARY, bytes, last);
	}

	private void sendFragmented(int opcode, byte[] payload, int fragmentSize) {
		if (fragmentSize < 1) {
			throw new IllegalArgumentException("The fragment size must be at least 1, not " + fragmentSize);
		}
		synchronized (this.fragmentLock) {
			int offset = 0;
			do {
				int end = (int) Math.min(payload.length, (long) offset + fragmentSize);
				sendFragment(opcode, Arrays.copyOfRange(payload, offset, end), end == payload.length);
				offset = end;
			}
			while (offset < payload.length);
		}
	}

	private void sendFragment(int opcode, byte[] payload, boolean last) {
		synchronized (this.fragmentLock) {
			if (this.fragmentedOpcode != -1 && this.fragmentedOpcode != opcode) {
				throw new IllegalStateException("A " + ((this.fragmentedOpcode == FrameCodec.TEXT) ? "text" : "binary")
						+ " message is being sent in fragments");
			}
			int frameOpcode = (this.fragmentedOpcode == -1) ? opcode : FrameCodec.CONTINUATION;
			this.fragmentedOpcode = last ? -1 : opcode;
			try {
				this.codec.write(frameOpcode, payload, last);
			}
			catch (IOException ex) {
				throw new WebSocketDisconnect(CloseCodes.WS_1006_ABNORMAL_CLOSURE, "");
			}
		}
	}

	private void write(int opcode, byte[] payload) {
		try {
			this.codec.write(opcode, payload);
		}
		catch (IOException ex) {
			throw new WebSocketDisconnect(CloseCodes.WS_1006_ABNORMAL_CLOSURE, "");
		}
	}

	// Receiving

	/**
	 * Receive the next text message.
	 * @return the text
	 * @throws WebSocketDisconnect if the server closed the connection
	 * @throws ReceiveTimeoutException if no message arrives within the receive timeout
	 * @throws InvalidMessageException if the server sent a binary message, with the text the server's
	 * {@link io.fastws.WebSocket#receiveText()} uses
	 */
	public String receiveText() {
		Object message = next();
		if (message instanceof String text) {
			return text;
		}
		throw InvalidMessageException.unexpectedType("text", "binary");
	}

	/**
	 * Receive the next binary message.
	 * @return the payload
	 * @throws WebSocketDisconnect if the server closed the connection
	 * @throws ReceiveTimeoutException if no message arrives within the receive timeout
	 * @throws InvalidMessageException if the server sent a text message, with the text the server's
	 * {@link io.fastws.WebSocket#receiveBytes()} uses
	 */
	public byte[] receiveBytes() {
		Object message = next();
		if (message instanceof byte[] bytes) {
			return bytes;
		}
		throw InvalidMessageException.unexpectedType("binary", "text");
	}

	/**
	 * Receive the next text message as any JSON value: a {@link java.util.Map}, {@link java.util.List},
	 * {@link String}, {@link Number}, {@link Boolean} or {@code null}.
	 * @return the value
	 * @throws WebSocketDisconnect if the server closed the connection
	 * @throws ReceiveTimeoutException if no message arrives within the receive timeout
	 * @throws InvalidMessageException if the message is binary or not JSON
	 */
	public Object receiveJson() {
		return receiveJson(Object.class, JsonMode.TEXT);
	}

	/**
	 * Receive the next message as any JSON value, from a text or a binary frame.
	 * @param mode the frame type the JSON is expected in
	 * @return the value
	 * @throws WebSocketDisconnect if the server closed the connection
	 * @throws ReceiveTimeoutException if no message arrives within the receive timeout
	 * @throws InvalidMessageException if the message is in the other frame type or not JSON
	 */
	public Object receiveJson(JsonMode mode) {
		return receiveJson(Object.class, mode);
	}

	/**
	 * Receive the next text message as JSON bound to the given type.
	 * @param <T> the type
	 * @param type the class to bind to
	 * @return the value
	 * @throws WebSocketDisconnect if the server closed the connection
	 * @throws ReceiveTimeoutException if no message arrives within the receive timeout
	 * @throws InvalidMessageException if the message is binary or not JSON of that type
	 */
	public <T> T receiveJson(Class<T> type) {
		return receiveJson(type, JsonMode.TEXT);
	}

	/**
	 * Receive the next message as JSON bound to the given type, from a text or a binary frame, as the
	 * server's {@link io.fastws.WebSocket#receiveJson(Class, JsonMode)} does.
	 * @param <T> the type
	 * @param type the class to bind to
	 * @param mode the frame type the JSON is expected in
	 * @return the value
	 * @throws WebSocketDisconnect if the server closed the connection
	 * @throws ReceiveTimeoutException if no message arrives within the receive timeout
	 * @throws InvalidMessageException if the message is in the other frame type (code 1003), or is not JSON
	 * of that type (code 1007)
	 */
	public <T> T receiveJson(Class<T> type, JsonMode mode) {
		String json = (mode == JsonMode.BINARY) ? new String(receiveBytes(), StandardCharsets.UTF_8) : receiveText();
		try {
			return this.jsonMapper.readValue(json, type);
		}
		catch (JacksonException ex) {
			throw InvalidMessageException.invalidJson(type, ex.getOriginalMessage());
		}
	}

	/**
	 * Wait until the server closes the connection, skipping any message still on the way.
	 * @return the server's close code and reason
	 * @throws ReceiveTimeoutException if the server does not close within the receive timeout
	 */
	public CloseFrame awaitClose() {
		long deadline = System.nanoTime() + this.receiveTimeout.toNanos();
		while (true) {
			try {
				next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
			}
			catch (WebSocketDisconnect ex) {
				return this.serverClose;
			}
		}
	}

	/**
	 * Stop reading from the server, as a slow client does: what the server sends piles up in TCP buffers
	 * until {@link #resumeReading()}.
	 */
	public void pauseReading() {
		synchronized (this.readingLock) {
			this.readingPaused = true;
		}
	}

	/**
	 * Read from the server again after {@link #pauseReading()}.
	 */
	public void resumeReading() {
		synchronized (this.readingLock) {
			this.readingPaused = false;
			this.readingLock.notifyAll();
		}
	}

	private void awaitReading() throws InterruptedException {
		synchronized (this.readingLock) {
			while (this.readingPaused) {
				this.readingLock.wait();
			}
		}
	}

	/**
	 * Return whether the server has not closed the connection yet.
	 * @return {@code true} while the connection is open
	 */
	public boolean isOpen() {
		return this.serverClose == null;
	}

	private Object next() {
		return next(this.receiveTimeout);
	}

	private Object next(Duration timeout) {
		Object message;
		try {
			message = this.messages.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ReceiveTimeoutException("Interrupted while waiting for a message");
		}
		if (message == null) {
			throw new ReceiveTimeoutException("No message from the server within " + timeout);
		}
		if (message == CLOSED) {
			this.messages.add(CLOSED);
			throw new WebSocketDisconnect(this.serverClose.code(), this.serverClose.reason());
		}
		return message;
	}

	// Closing

	/**
	 * Close the connection normally (1000) and wait for the server's reply.
	 */
	@Override
	public void close() {
		close(CloseCodes.WS_1000_NORMAL_CLOSURE, "");
	}

	/**
	 * Close the connection with the given code and reason and wait for the server's reply.
	 * @param code the close code
	 * @param reason the close reason
	 */
	public void close(int code, String reason) {
		if (isOpen() && !this.closeSent) {
			byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
			sendClose(ByteBuffer.allocate(2 + reasonBytes.length).putShort((short) code).put(reasonBytes).array());
			try {
				awaitClose();
			}
			catch (ReceiveTimeoutException ex) {
				// the server did not answer: drop the connection anyway
			}
		}
		abort();
	}

	/**
	 * Send a close frame without a status code, as some clients do.
	 */
	public void closeWithoutStatus() {
		sendClose(new byte[0]);
	}

	/**
	 * Drop the TCP connection without a close frame, as a client that vanishes does.
	 */
	public void abort() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	private void sendClose(byte[] payload) {
		this.closeSent = true;
		try {
			this.codec.write(FrameCodec.CLOSE, payload);
		}
		catch (IOException ex) {
			// the connection is already gone
		}
	}

	private void readFrames() {
		ByteArrayOutputStream fragments = new ByteArrayOutputStream();
		int fragmentedOpcode = -1;
		try {
			while (true) {
				awaitReading();
				FrameCodec.Frame frame = this.codec.read();
				switch (frame.opcode()) {
					case FrameCodec.PING -> this.codec.write(FrameCodec.PONG, frame.payload());
					case FrameCodec.PONG -> {
					}
					case FrameCodec.CLOSE -> {
						serverClosed(parseClose(frame.payload()));
						if (!this.closeSent) {
							sendClose(frame.payload().length >= 2 ? new byte[] { frame.payload()[0], frame.payload()[1] }
									: new byte[0]);
						}
						abort();
						return;
					}
					default -> {
						if (frame.opcode() != FrameCodec.CONTINUATION) {
							fragmentedOpcode = frame.opcode();
						}
						fragments.write(frame.payload());
						if (frame.fin()) {
							byte[] payload = fragments.toByteArray();
							fragments.reset();
							this.messages.add((fragmentedOpcode == FrameCodec.TEXT)
									? new String(payload, StandardCharsets.UTF_8) : payload);
						}
					}
				}
			}
		}
		catch (IOException ex) {
			serverClosed(new CloseFrame(CloseCodes.WS_1006_ABNORMAL_CLOSURE, ""));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			serverClosed(new CloseFrame(CloseCodes.WS_1006_ABNORMAL_CLOSURE, ""));
		}
	}

	private void serverClosed(CloseFrame close) {
		if (this.serverClose == null) {
			this.serverClose = close;
			this.messages.add(CLOSED);
		}
	}

	private static CloseFrame parseClose(byte[] payload) {
		if (payload.length < 2) {
			return new CloseFrame(CloseCodes.WS_1005_NO_STATUS_RCVD, "");
		}
		int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
		return new CloseFrame(code, new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
	}

}
