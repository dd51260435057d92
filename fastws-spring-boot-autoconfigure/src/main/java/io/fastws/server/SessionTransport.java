package io.fastws.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fastws.InboundMessage;
import io.fastws.OutboundMessage;
import io.fastws.WebSocketTransport;
import jakarta.websocket.Session;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Adapts one Spring {@link WebSocketSession} to the {@link WebSocketTransport} beneath a
 * {@link io.fastws.WebSocket}.
 *
 * <p>Before the upgrade, what the handler sends decides the {@link HandshakeDecision handshake}; after it,
 * container threads only queue incoming frames for the handler thread, and outgoing messages go through an
 * {@link Outbox} that writes them in order and enforces the send limits.
 */
final class SessionTransport implements WebSocketTransport, WebSocketHandler {

	private static final Log logger = LogFactory.getLog(SessionTransport.class);

	private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	private final HandshakeDecision handshake = new HandshakeDecision();

	private final CompletableFuture<WebSocketSession> established = new CompletableFuture<>();

	private final InboundMessageQueue inbound;

	private final ConnectionSettings settings;

	private final CompletableFuture<Void> closed = new CompletableFuture<>();

	private volatile Outbox outbox;

	private OutboundMessage.DenialResponseStart denialStart;

	private ByteArrayOutputStream denialBody;

	private final Executor writer;

	SessionTransport(ConnectionSettings settings, Executor writer) {
		this.settings = settings;
		this.writer = writer;
		this.inbound = new InboundMessageQueue(settings.maxQueuedMessages());
		this.inbound.add(InboundMessage.Connect.INSTANCE);
	}

	HandshakeDecision handshake() {
		return this.handshake;
	}

	/**
	 * Report that the container could not complete the upgrade the handler accepted.
	 * @param failure what went wrong
	 */
	void upgradeFailed(Throwable failure) {
		this.established.completeExceptionally(failure);
	}

	// WebSocketTransport, called by the handler thread

	@Override
	public InboundMessage receive() throws InterruptedException {
		return this.inbound.take();
	}

	@Override
	public void send(OutboundMessage message) throws IOException {
		Outbox current = this.outbox;
		if (current != null) {
			current.send(message);
		}
		else {
			decide(message);
		}
	}

	@Override
	public CompletableFuture<Void> sendAsync(OutboundMessage message) {
		Outbox current = this.outbox;
		if (current != null) {
			return current.sendAsync(message);
		}
		try {
			decide(message);
			return CompletableFuture.completedFuture(null);
		}
		catch (IOException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	@Override
	public CompletableFuture<Void> whenClosed() {
		return this.closed;
	}

	private void decide(OutboundMessage message) throws IOException {
		if (message instanceof OutboundMessage.Accept accept) {
			if (!this.handshake.decide(new HandshakeDecision.Accepted(accept.subprotocol(), accept.headers()))) {
				throw new IOException("The handshake was already answered");
			}
			awaitEstablished();
		}
		else if (message instanceof OutboundMessage.Close) {
			this.handshake.decide(HandshakeDecision.Responded.status(HttpStatus.FORBIDDEN.value()));
		}
		else if (message instanceof OutboundMessage.DenialResponseStart start) {
			this.denialStart = start;
			this.denialBody = new ByteArrayOutputStream();
		}
		else if (message instanceof OutboundMessage.DenialResponseBody body) {
			this.denialBody.write(body.body());
			if (!body.moreBody()) {
				this.handshake.decide(new HandshakeDecision.Responded(this.denialStart.status(),
						this.denialStart.headers(), this.denialBody.toByteArray(), false));
			}
		}
		else {
			throw new IOException("Unexpected message before the handshake: " + message.type());
		}
	}

	private void awaitEstablished() throws IOException {
		try {
			this.established.get(this.settings.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while the connection was being upgraded", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IOException("The connection could not be upgraded", ex);
		}
	}

	// WebSocketHandler, called by container threads

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		session.setTextMessageSizeLimit(this.settings.maxTextMessageSize());
		session.setBinaryMessageSizeLimit(this.settings.maxBinaryMessageSize());
		IdleTimeout.apply(session, this.settings.idleTimeout());
		this.inbound.setFlowControl(NativeFlowControl.of(session));
		Session standard = ((NativeWebSocketSession) session).getNativeSession(Session.class);
		standard.getUserProperties().put(BLOCKING_SEND_TIMEOUT, this.settings.sendTimeLimit().toMillis());
		this.outbox = new Outbox(standard.getBasicRemote(), session, this.settings.sendBufferLimit(), this.writer);
		this.established.complete(session);
	}

	@Override
	public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
		if (message instanceof TextMessage text) {
			this.inbound.add(new InboundMessage.ReceiveText(text.getPayload()));
		}
		else if (message instanceof BinaryMessage binary) {
			ByteBuffer payload = binary.getPayload();
			byte[] bytes = new byte[payload.remaining()];
			payload.get(bytes);
			this.inbound.add(new InboundMessage.ReceiveBytes(bytes));
		}
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		if (logger.isDebugEnabled()) {
			logger.debug("Transport error on WebSocket session " + session.getId(), exception);
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) {
		this.inbound.add(new InboundMessage.Disconnect(closeStatus.getCode(), closeStatus.getReason()));
		this.closed.complete(null);
	}

	@Override
	public boolean supportsPartialMessages() {
		return false;
	}

}
