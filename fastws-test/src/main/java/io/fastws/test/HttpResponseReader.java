package io.fastws.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;

/**
 * Reads the server's answer to a handshake: the status line and headers and, for a response that is not an
 * upgrade, its body, plain or chunked.
 */
final class HttpResponseReader {

	private final InputStream input;

	HttpResponseReader(InputStream input) {
		this.input = input;
	}

	int readStatus() throws IOException {
		String statusLine = readLine();
		String[] parts = statusLine.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
			throw new IOException("Not an HTTP response: " + statusLine);
		}
		return Integer.parseInt(parts[1]);
	}

	HttpHeaders readHeaders() throws IOException {
		HttpHeaders headers = new HttpHeaders();
		for (String line = readLine(); !line.isEmpty(); line = readLine()) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				headers.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
			}
		}
		return headers;
	}

	byte[] readBody(HttpHeaders headers) throws IOException {
		if ("chunked".equalsIgnoreCase(headers.getFirst(HttpHeaders.TRANSFER_ENCODING))) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			for (int size = chunkSize(); size > 0; size = chunkSize()) {
				body.write(this.input.readNBytes(size));
				readLine();
			}
			return body.toByteArray();
		}
		long length = headers.getContentLength();
		return (length >= 0) ? this.input.readNBytes((int) length) : this.input.readAllBytes();
	}

	private int chunkSize() throws IOException {
		String line = readLine();
		int extension = line.indexOf(';');
		return Integer.parseInt(((extension >= 0) ? line.substring(0, extension) : line).trim(), 16);
	}

	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int previous = -1;
		for (int current = this.input.read(); current != -1; current = this.input.read()) {
			if (previous == '\r' && current == '\n') {
				byte[] bytes = line.toByteArray();
				return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
			}
			line.write(current);
			previous = current;
		}
		throw new IOException("Connection closed in the middle of the HTTP response");
	}

}
