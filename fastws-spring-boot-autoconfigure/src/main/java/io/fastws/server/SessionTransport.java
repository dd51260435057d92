package io.fastws.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.fastws.CloseCodes;
import io.fastws.InboundMessage;
import io.fastws.OutboundMessage;
import io.fastws.WebSocketTransport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Adapts one Spring {@link WebSocketSession} to the {@link WebSocketTransport} beneath a
 * {@link io.fastws.WebSocket}.
 *
 * <p>Before the upgrade, what the handler sends answers its {@link PendingConnection}; after it, container
 * threads only queue incoming frames for the handler thread, and outgoing messages go through an
 * {@link Outbox} that writes them in order and enforces the send limits. A {@link Heartbeat} pings the client
 * and closes it when it stops answering; with an idle timeout, an {@link IdleTimeout} closes a client that
 * has sent no message for that long.
 */
final class SessionTransport implements WebSocketTransport, WebSocketHandler {

	private static final Log logger = LogFactory.getLog(SessionTransport.class);

	private final PendingConnection pending;

	private final WebSocketContainer container;

	private final ConnectionSettings settings;

	private final Executor writer;

	private final AccessLog accessLog;

	private final InboundMessageQueue inbound;

	private final CompletableFuture<Void> closed = new CompletableFuture<>();

	private final AtomicBoolean shuttingDown = new AtomicBoolean();

	private volatile @Nullable Outbox outbox;

	private volatile @Nullable IdleTimeout idleTimeout;

	private volatile @Nullable Heartbeat heartbeat;

	private volatile long opened;

	private volatile long received;

	SessionTransport(PendingConnection pending, WebSocketContainer container, ConnectionSettings settings,
			Executor writer, AccessLog accessLog) {
		this.pending = pending;
		this.container = container;
		this.settings = settings;
		this.writer = writer;
		this.accessLog = accessLog;
		this.inbound = new InboundMessageQueue(settings.maxQueuedMessages());
		this.inbound.add(InboundMessage.Connect.INSTANCE);
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
			this.pending.answer(message);
		}
	}

	@Override
	public CompletableFuture<Void> sendAsync(OutboundMessage message) {
		Outbox current = this.outbox;
		if (current != null) {
			return current.sendAsync(message);
		}
		try {
			this.pending.answer(message);
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

	/**
	 * Close this connection because the server is shutting down: the handler's pending and next receive
	 * throw a disconnect with the given code at once, the client gets a close frame with it once the messages
	 * already queued are written, and later sends fail with that code.
	 * @param closeCode the close code
	 * @return the future of the close frame's write
	 */
	CompletableFuture<Void> shutDown(int closeCode) {
		if (!this.shuttingDown.compareAndSet(false, true)) {
			return CompletableFuture.completedFuture(null);
		}
		// once established, the outbox refuses new messages before the handler can see the disconnect
		CompletableFuture<Void> closeFrame = this.pending.whenEstablished()
			.thenCompose((established) -> outbox().closeAfterQueued(closeCode, ""));
		this.inbound.add(new InboundMessage.Disconnect(closeCode, ""));
		return closeFrame;
	}

	private Outbox outbox() {
		Outbox current = this.outbox;
		if (current == null) {
			throw new IllegalStateException("The connection is not established");
		}
		return current;
	}

	// WebSocketHandler, called by container threads

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		this.opened = System.nanoTime();
		ContainerSession containerSession = this.container.open(session, this.settings);
		Outbox outbox = new Outbox(containerSession, this.settings.sendBufferLimit(), this.writer);
		this.outbox = outbox;
		FlowControl reading = containerSession;
		Duration pingInterval = this.settings.pingInterval();
		if (!pingInterval.isZero()) {
			Heartbeat heartbeat = new Heartbeat(reading, pingInterval, this.settings.pingTimeout(),
					() -> ping(containerSession),
					() -> outbox.abandon(CloseCodes.WS_1011_INTERNAL_ERROR, "keepalive ping timeout"));
			this.heartbeat = heartbeat;
			reading = heartbeat;
		}
		Duration idleTimeout = this.settings.idleTimeout();
		if (idleTimeout != null) {
			IdleTimeout timeout = new IdleTimeout(reading, idleTimeout,
					() -> outbox.abandon(CloseCodes.WS_1001_GOING_AWAY, "Idle timeout"));
			this.idleTimeout = timeout;
			reading = timeout;
		}
		this.inbound.setFlowControl(reading);
		start(this.heartbeat, this.idleTimeout);
		this.pending.established();
		if (this.pending.isAbandoned()) {
			// established after its handler stopped waiting: nobody would read it
			outbox.abandon(CloseCodes.WS_1011_INTERNAL_ERROR, "Upgrade completed too late");
		}
	}

	private static void start(@Nullable Heartbeat heartbeat, @Nullable IdleTimeout idleTimeout) {
		if (heartbeat != null) {
			heartbeat.start();
		}
		if (idleTimeout != null) {
			idleTimeout.start();
		}
	}

	private void ping(ContainerSession containerSession) {
		try {
			this.writer.execute(() -> {
				try {
					containerSession.sendPing();
				}
				catch (IOException | RuntimeException ex) {
					// the connection is going: its close reports it
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// the writers have shut down with the application
		}
	}

	@Override
	public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
		if (message instanceof PongMessage) {
			Heartbeat beat = this.heartbeat;
			if (beat != null) {
				beat.pongReceived();
			}
			return;
		}
		IdleTimeout timeout = this.idleTimeout;
		if (timeout != null) {
			timeout.messageReceived();
		}
		// one container thread at a time delivers a session's messages
		this.received++;
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
		IdleTimeout timeout = this.idleTimeout;
		if (timeout != null) {
			timeout.stop();
		}
		Heartbeat beat = this.heartbeat;
		if (beat != null) {
			beat.stop();
		}
		this.inbound.add(new InboundMessage.Disconnect(closeStatus.getCode(), closeStatus.getReason()));
		this.closed.complete(null);
		Outbox current = this.outbox;
		this.accessLog.closed(session.getRemoteAddress(), session.getUri(), closeStatus.getCode(), this.pending.route(),
				this.opened, this.received, (current != null) ? current.written() : 0);
	}

	@Override
	public boolean supportsPartialMessages() {
		return false;
	}

}
