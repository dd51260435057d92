package io.fastws.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * An upgrade request written by hand over a plain socket, for the handshakes and frames that
 * {@link io.fastws.test.WebSocketTestClient} does not send or read: malformed requests, and extensions.
 */
final class RawUpgradeRequest implements AutoCloseable {

	private final Socket socket;

	private final DataInputStream input;

	private final int status;

	private final HttpHeaders headers;

	private RawUpgradeRequest(Socket socket, DataInputStream input, int status, HttpHeaders headers) {
		this.socket = socket;
		this.input = input;
		this.status = status;
		this.headers = headers;
	}

	/**
	 * Send {@code GET path} to {@code localhost} with the given header lines, and read the response's status
	 * line and headers; every read waits at most 10 seconds.
	 * @param port the server port
	 * @param path the request target
	 * @param headerLines the header lines, such as {@code "Upgrade: websocket"}; {@code Host} is added
	 * @return the request, its response head read
	 * @throws IOException if the server cannot be reached or answers nothing
	 */
	static RawUpgradeRequest send(int port, String path, List<String> headerLines) throws IOException {
		return send(port, path, headerLines, 0);
	}

	/**
	 * Send {@code GET path} as {@link #send(int, String, List)} does, from a socket with a fixed receive
	 * buffer, so that what the server sends while the test does not read piles up on the server's side.
	 * @param port the server port
	 * @param path the request target
	 * @param headerLines the header lines; {@code Host} is added
	 * @param receiveBufferSize the socket's receive buffer size, or 0 for the system's default
	 * @return the request, its response head read
	 * @throws IOException if the server cannot be reached or answers nothing
	 */
	static RawUpgradeRequest send(int port, String path, List<String> headerLines, int receiveBufferSize)
			throws IOException {
		Socket socket = new Socket();
		try {
			if (receiveBufferSize > 0) {
				socket.setReceiveBufferSize(receiveBufferSize);
			}
			socket.connect(new InetSocketAddress("localhost", port), 10_000);
			socket.setSoTimeout(10_000);
			StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
			request.append("Host: localhost:").append(port).append("\r\n");
			headerLines.forEach((line) -> request.append(line).append("\r\n"));
			OutputStream output = socket.getOutputStream();
			output.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
			output.flush();
			DataInputStream input = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
			String statusLine = readLine(input);
			HttpHeaders headers = new HttpHeaders();
			for (String line = readLine(input); !line.isEmpty(); line = readLine(input)) {
				int colon = line.indexOf(':');
				headers.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
			}
			int status = Integer.parseInt(statusLine.split(" ")[1]);
			return new RawUpgradeRequest(socket, input, status, headers);
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	int status() {
		return this.status;
	}

	HttpHeaders headers() {
		return this.headers;
	}

	/**
	 * Read the body of a response that is not a 101, by its {@code Content-Length} or its chunks.
	 * @return the body as UTF-8 text
	 * @throws IOException if the body cannot be read
	 */
	String body() throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if ("chunked".equalsIgnoreCase(this.headers.getFirst(HttpHeaders.TRANSFER_ENCODING))) {
			for (int size = Integer.parseInt(readLine(this.input).trim(), 16); size > 0;
					size = Integer.parseInt(readLine(this.input).trim(), 16)) {
				body.write(this.input.readNBytes(size));
				readLine(this.input);
			}
		}
		else if (this.headers.getContentLength() > 0) {
			body.write(this.input.readNBytes((int) this.headers.getContentLength()));
		}
		return body.toString(StandardCharsets.UTF_8);
	}

	/**
	 * Read one frame from the server, after a 101.
	 * @return the frame
	 * @throws IOException if no frame can be read
	 */
	Frame readFrame() throws IOException {
		int first = this.input.readUnsignedByte();
		int second = this.input.readUnsignedByte();
		long length = second & 0x7F;
		if (length == 126) {
			length = this.input.readUnsignedShort();
		}
		else if (length == 127) {
			length = this.input.readLong();
		}
		byte[] payload = this.input.readNBytes((int) length);
		return new Frame(first, payload);
	}

	/**
	 * Read one message from the server, after a 101, joining its frames.
	 * @return the message as one frame: the first frame's header and every frame's payload
	 * @throws IOException if no message can be read
	 */
	Frame readMessage() throws IOException {
		Frame first = readFrame();
		if (first.fin()) {
			return first;
		}
		ByteArrayOutputStream payload = new ByteArrayOutputStream();
		payload.write(first.payload());
		Frame next;
		do {
			next = readFrame();
			payload.write(next.payload());
		}
		while (!next.fin());
		return new Frame(first.header() | 0x80, payload.toByteArray());
	}

	/**
	 * Send a close frame with status 1000, masked as a client must.
	 * @throws IOException if the connection is gone
	 */
	void sendNormalClose() throws IOException {
		byte[] frame = { (byte) 0x88, (byte) 0x82, 0x11, 0x22, 0x33, 0x44, 0x03 ^ 0x11, (byte) (0xE8 ^ 0x22) };
		this.socket.getOutputStream().write(frame);
		this.socket.getOutputStream().flush();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	private static String readLine(InputStream input) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int previous = -1;
		for (int current = input.read(); current != -1; current = input.read()) {
			if (previous == '\r' && current == '\n') {
				byte[] bytes = line.toByteArray();
				return new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
			}
			line.write(current);
			previous = current;
		}
		throw new IOException("The server closed the connection in the middle of a line: " + line);
	}

	/**
	 * One frame as the server sent it.
	 * @param header the first byte: FIN, RSV1-3 and the opcode
	 * @param payload the payload, as sent (compressed if RSV1 is set)
	 */
	record Frame(int header, byte[] payload) {

		boolean fin() {
			return (this.header & 0x80) != 0;
		}

		boolean compressed() {
			return (this.header & 0x40) != 0;
		}

		int opcode() {
			return this.header & 0x0F;
		}

		String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

	}

}
