package io.fastws;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

/**
 * A {@link WebSocketTransport} in memory: tests queue what the client sends and read what was sent to it.
 */
class InMemoryTransport implements WebSocketTransport {

	private static final long RECEIVE_TIMEOUT_SECONDS = 10;

	private final BlockingQueue<InboundMessage> inbound = new LinkedBlockingQueue<>();

	private final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();

	private final boolean denialResponseSupported;

	private volatile boolean broken;

	InMemoryTransport() {
		this(true);
	}

	InMemoryTransport(boolean denialResponseSupported) {
		this.denialResponseSupported = denialResponseSupported;
		this.inbound.add(InboundMessage.Connect.INSTANCE);
	}

	static InMemoryTransport withoutConnect() {
		InMemoryTransport transport = new InMemoryTransport();
		transport.inbound.clear();
		return transport;
	}

	static WebSocket webSocket(InMemoryTransport transport) {
		return webSocket(transport, new HttpHeaders());
	}

	static WebSocket webSocket(InMemoryTransport transport, HttpHeaders headers) {
		return new WebSocket(HandshakeRequest.of(URI.create("ws://testserver/ws"), headers), transport,
				JsonMapper.builder().build());
	}

	InMemoryTransport clientSends(InboundMessage message) {
		this.inbound.add(message);
		return this;
	}

	InMemoryTransport clientSendsText(String text) {
		return clientSends(new InboundMessage.ReceiveText(text));
	}

	InMemoryTransport clientSendsBytes(byte[] bytes) {
		return clientSends(new InboundMessage.ReceiveBytes(bytes));
	}

	InMemoryTransport clientCloses(int code, String reason) {
		return clientSends(new InboundMessage.Disconnect(code, reason));
	}

	void breakConnection() {
		this.broken = true;
	}

	List<OutboundMessage> sent() {
		return this.sent;
	}

	@Override
	public InboundMessage receive() throws InterruptedException {
		InboundMessage message = this.inbound.poll(RECEIVE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		if (message == null) {
			throw new AssertionError("The test queued no message for the client within " + RECEIVE_TIMEOUT_SECONDS
					+ " seconds");
		}
		return message;
	}

	@Override
	public synchronized void send(OutboundMessage message) throws IOException {
		if (this.broken) {
			throw new IOException("Broken pipe");
		}
		this.sent.add(message);
	}

	@Override
	public boolean supportsDenialResponse() {
		return this.denialResponseSupported;
	}

}
