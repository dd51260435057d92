package io.fastws.test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Reads and writes RFC 6455 frames, client side: written frames are masked, read frames are not.
 */
final class FrameCodec {

	static final int CONTINUATION = 0x0;

	static final int TEXT = 0x1;

	static final int BINARY = 0x2;

	static final int CLOSE = 0x8;

	static final int PING = 0x9;

	static final int PONG = 0xA;

	private static final SecureRandom random = new SecureRandom();

	private final DataInputStream input;

	private final OutputStream output;

	FrameCodec(InputStream input, OutputStream output) {
		this.input = new DataInputStream(input);
		this.output = output;
	}

	/**
	 * A frame as read from the server.
	 * @param fin whether it is the last frame of its message
	 * @param opcode the opcode
	 * @param payload the payload
	 */
	record Frame(boolean fin, int opcode, byte[] payload) {

	}

	Frame read() throws IOException {
		int first = this.input.readUnsignedByte();
		int second = this.input.readUnsignedByte();
		long length = second & 0x7F;
		if (length == 126) {
			length = this.input.readUnsignedShort();
		}
		else if (length == 127) {
			length = this.input.readLong();
		}
		if (length > Integer.MAX_VALUE - 8) {
			throw new IOException("Frame too large: " + length + " bytes");
		}
		byte[] mask = null;
		if ((second & 0x80) != 0) {
			mask = new byte[4];
			this.input.readFully(mask);
		}
		byte[] payload = new byte[(int) length];
		this.input.readFully(payload);
		if (mask != null) {
			for (int i = 0; i < payload.length; i++) {
				payload[i] ^= mask[i % 4];
			}
		}
		return new Frame((first & 0x80) != 0, first & 0x0F, payload);
	}

	void write(int opcode, byte[] payload) throws IOException {
		write(opcode, payload, true);
	}

	/**
	 * Write one masked frame.
	 * @param opcode the opcode, {@link #CONTINUATION} for a later fragment of a message
	 * @param payload the payload
	 * @param fin whether the frame ends its message
	 * @throws IOException if the connection is gone
	 */
	synchronized void write(int opcode, byte[] payload, boolean fin) throws IOException {
		ByteArrayOutputStream header = new ByteArrayOutputStream(14);
		header.write((fin ? 0x80 : 0) | opcode);
		if (payload.length < 126) {
			header.write(0x80 | payload.length);
		}
		else if (payload.length <= 0xFFFF) {
			header.write(0x80 | 126);
			header.write(payload.length >>> 8);
			header.write(payload.length);
		}
		else {
			header.write(0x80 | 127);
			long length = payload.length;
			for (int shift = 56; shift >= 0; shift -= 8) {
				header.write((int) (length >>> shift));
			}
		}
		byte[] mask = new byte[4];
		random.nextBytes(mask);
		header.write(mask);
		byte[] frame = Arrays.copyOf(header.toByteArray(), header.size() + payload.length);
		for (int i = 0, offset = header.size(); i < payload.length; i++) {
			frame[offset + i] = (byte) (payload[i] ^ mask[i & 3]);
		}
		this.output.write(frame);
		this.output.flush();
	}

}
