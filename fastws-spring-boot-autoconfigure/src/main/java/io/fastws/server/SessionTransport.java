package io.fastws.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.fastws.CloseCodes;
import io.fastws.InboundMessage;
import io.fastws.OutboundMessage;
import io.fastws.WebSocketTransport;
import io.fastws.server.MessageAssembler.MessageTooBigException;
import io.fastws.server.observation.WebSocketMessageMetrics;
import io.fastws.server.observation.WebSocketMessageMetrics.MessageType;
import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Adapts one Spring {@link WebSocketSession} to the {@link WebSocketTransport} beneath a
 * {@link io.fastws.WebSocket}.
 *
 * <p>Before the upgrade, what the handler sends answers its {@link PendingConnection}; after it, container
 * threads only hand the parts of incoming messages to a {@link MessageAssembler}, which holds each message to
 * its size limit, and queue complete messages for the handler thread; outgoing messages go through an
 * {@link Outbox} that writes them in order and enforces the send limits. A {@link Heartbeat} pings the client
 * and closes it when it stops answering; with an idle timeout, an {@link IdleTimeout} closes a client that
 * has sent nothing for that long.
 */
final class SessionTransport implements WebSocketTransport, WebSocketHandler {

	private static final Log logger = LogFactory.getLog(SessionTransport.class);

	private final PendingConnection pending;

	private final WebSocketContainer container;

	private final ConnectionSettings settings;

	private final Executor writer;

	private final ConnectionObserver observer;

	private final WebSocketMessageMetrics.RouteRecorder recorder;

	private final InboundMessageQueue inbound;

	private final MessageAssembler assembler;

	private final CompletableFuture<Void> closed = new CompletableFuture<>();

	private final AtomicBoolean shuttingDown = new AtomicBoolean();

	private volatile @Nullable Outbox outbox;

	private volatile @Nullable IdleTimeout idleTimeout;

	private volatile @Nullable Heartbeat heartbeat;

	private final AtomicReference<@Nullable ConnectionOutcome> closedBecause = new AtomicReference<>();

	private volatile @Nullable Observation observation;

	private volatile long opened;

	private volatile @Nullable InetSocketAddress remoteAddress;

	/**
	 * The scope of the connection's observation on the handler thread, which alone uses it.
	 */
	private Observation.@Nullable Scope handlerScope;

	private volatile long received;

	SessionTransport(PendingConnection pending, WebSocketContainer container, ConnectionSettings settings,
			Executor writer, ConnectionObserver observer) {
		this.pending = pending;
		this.container = container;
		this.settings = settings;
		this.writer = writer;
		this.observer = observer;
		this.recorder = observer.recorder(pending.route());
		this.inbound = new InboundMessageQueue(settings.maxQueuedMessages());
		this.inbound.add(InboundMessage.Connect.INSTANCE);
		this.assembler = new MessageAssembler(settings.maxTextMessageSize(), settings.maxBinaryMessageSize());
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
			if (message instanceof OutboundMessage.Close close) {
				closingBecause(ConnectionOutcome.closedByHandler(close.code()));
			}
			current.send(message);
		}
		else {
			this.pending.answer(message);
			if (message instanceof OutboundMessage.Accept) {
				enterConnectionScope();
			}
		}
	}

	/**
	 * Make the connection's observation the current one of the handler thread, once its {@code accept()} has
	 * returned, so that what the handler observes from then on, such as the spans it starts, is part of the
	 * connection rather than of the upgrade request that has ended.
	 */
	private void enterConnectionScope() {
		Observation connection = this.observation;
		if (connection != null && this.handlerScope == null && this.pending.decision().isHandlerThread()) {
			this.handlerScope = connection.openScope();
		}
	}

	/**
	 * Leave the connection's observation on the handler thread, as the handler ends.
	 */
	void leaveConnectionScope() {
		Observation.Scope scope = this.handlerScope;
		if (scope != null && this.pending.decision().isHandlerThread()) {
			this.handlerScope = null;
			scope.close();
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
		closingBecause(ConnectionOutcome.SHUTDOWN);
		// once established, the outbox refuses new messages before the handler can see the disconnect
		CompletableFuture<Void> closeFrame = this.pending.whenEstablished()
			.thenCompose((established) -> outbox().closeAfterQueued(closeCode, ""));
		this.inbound.add(new InboundMessage.Disconnect(closeCode, ""));
		return closeFrame;
	}

	/**
	 * Record why fastws is closing the connection, unless it is closing already.
	 */
	private void closingBecause(ConnectionOutcome outcome) {
		this.closedBecause.compareAndSet(null, outcome);
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
		// some containers forget the peer's address once the connection is gone
		this.remoteAddress = session.getRemoteAddress();
		this.observation = this.observer.connectionOpened(this.pending, session.getUri());
		ContainerSession containerSession = this.container.open(session, this.settings);
		Outbox outbox = new Outbox(containerSession, this.settings.sendBufferLimit(), this.settings.sendTimeLimit(),
				this.writer, this.recorder);
		this.outbox = outbox;
		FlowControl reading = new CountedSuspensions(containerSession, this.recorder);
		Duration pingInterval = this.settings.pingInterval();
		if (!pingInterval.isZero()) {
			Heartbeat heartbeat = new Heartbeat(reading, pingInterval, this.settings.pingTimeout(),
					() -> ping(containerSession),
					() -> abandon(outbox, ConnectionOutcome.HEARTBEAT, CloseCodes.WS_1011_INTERNAL_ERROR,
							"keepalive ping timeout"));
			this.heartbeat = heartbeat;
			reading = heartbeat;
		}
		Duration idleTimeout = this.settings.idleTimeout();
		if (idleTimeout != null) {
			IdleTimeout timeout = new IdleTimeout(reading, idleTimeout,
					() -> abandon(outbox, ConnectionOutcome.IDLE, CloseCodes.WS_1001_GOING_AWAY, "Idle timeout"));
			this.idleTimeout = timeout;
			reading = timeout;
		}
		this.inbound.setFlowControl(reading);
		start(this.heartbeat, this.idleTimeout);
		this.pending.established();
		if (this.pending.isAbandoned()) {
			// established after its handler stopped waiting: nobody would read it
			abandon(outbox, ConnectionOutcome.ERROR, CloseCodes.WS_1011_INTERNAL_ERROR, "Upgrade completed too late");
		}
	}

	private void abandon(Outbox outbox, ConnectionOutcome outcome, int closeCode, String reason) {
		closingBecause(outcome);
		outbox.abandon(closeCode, reason);
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
			timeout.dataReceived();
		}
		// one container thread at a time delivers a session's messages, in parts
		InboundMessage complete;
		try {
			complete = this.assembler.add(message);
		}
		catch (MessageTooBigException ex) {
			abandon(outbox(), ConnectionOutcome.TOO_BIG, CloseCodes.WS_1009_MESSAGE_TOO_BIG, ex.getMessage());
			return;
		}
		if (complete != null) {
			this.received++;
			this.inbound.add(complete);
			record(complete);
		}
	}

	private void record(InboundMessage message) {
		if (message instanceof InboundMessage.ReceiveText text) {
			this.recorder.received(MessageType.TEXT, text.text().length());
		}
		else if (message instanceof InboundMessage.ReceiveBytes bytes) {
			this.recorder.received(MessageType.BINARY, bytes.bytes().length);
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
		// before the handler can see the disconnect, and close in answer to it
		Outbox current = this.outbox;
		ConnectionOutcome outcome = outcome(closeStatus.getCode(), current);
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
		Observation connection = this.observation;
		if (connection == null) {
			return;
		}
		Runnable record = () -> this.observer.connectionClosed(connection, this.pending.route(), this.remoteAddress,
				session.getUri(), closeStatus.getCode(), outcome, this.opened, this.received,
				(current != null) ? current.written() : 0);
		if (current != null) {
			current.afterWriteInProgress(record);
		}
		else {
			record.run();
		}
	}

	private ConnectionOutcome outcome(int closeCode, @Nullable Outbox outbox) {
		if (outbox != null && outbox.isCutOff()) {
			return ConnectionOutcome.SLOW_CLIENT;
		}
		ConnectionOutcome closing = this.closedBecause.get();
		return (closing != null) ? closing : ConnectionOutcome.closedWith(closeCode);
	}

	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

}
