package io.fastws;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * Starlette's two-sided state machine over a {@link WebSocketTransport}: every message received or sent
 * passes here and is checked against the current states, with Starlette's error texts.
 *
 * <p>Receiving is serialised by a lock, so one thread receives at a time, and so are the state changes of
 * sending; the send lock is held only to check and change the state, never while a message is written, so
 * a thread blocked in {@link #receive()} or writing to a slow client holds up no other sender. The
 * transport keeps concurrent writes from interleaving.
 */
final class ConnectionStateMachine {

	private final WebSocketTransport transport;

	private final Lock receiveLock = new ReentrantLock();

	private final Lock sendLock = new ReentrantLock();

	private volatile WebSocketState clientState = WebSocketState.CONNECTING;

	private volatile WebSocketState applicationState = WebSocketState.CONNECTING;

	private volatile @Nullable WebSocketDisconnect lostWith;

	ConnectionStateMachine(WebSocketTransport transport) {
		this.transport = transport;
	}

	WebSocketState clientState() {
		return this.clientState;
	}

	WebSocketState applicationState() {
		return this.applicationState;
	}

	/**
	 * Return how the connection was lost under a send, by this thread or another.
	 * @return the disconnect a failed send reported, or {@code null} if no send failed
	 */
	@Nullable WebSocketDisconnect lostWith() {
		return this.lostWith;
	}

	CompletableFuture<Void> whenClosed() {
		return this.transport.whenClosed();
	}

	boolean supportsDenialResponse() {
		return this.transport.supportsDenialResponse();
	}

	InboundMessage receive() {
		this.receiveLock.lock();
		try {
			switch (this.clientState) {
				case CONNECTING -> {
					InboundMessage message = next();
					if (!(message instanceof InboundMessage.Connect)) {
						throw new WebSocketStateException(
								"Expected ASGI message \"websocket.connect\", but got '" + message.type() + "'");
					}
					this.clientState = WebSocketState.CONNECTED;
					return message;
				}
				case CONNECTED -> {
					InboundMessage message = next();
					if (message instanceof InboundMessage.Connect) {
						throw new WebSocketStateException(
								"Expected ASGI message \"websocket.receive\" or \"websocket.disconnect\", but got '"
										+ message.type() + "'");
					}
					if (message instanceof InboundMessage.Disconnect) {
						this.clientState = WebSocketState.DISCONNECTED;
					}
					return message;
				}
				default -> throw new WebSocketNotConnectedException(
						"Cannot call \"receive\" once a disconnect message has been received.");
			}
		}
		finally {
			this.receiveLock.unlock();
		}
	}

	private InboundMessage next() {
		try {
			return this.transport.receive();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new InboundMessage.Disconnect(CloseCodes.WS_1006_ABNORMAL_CLOSURE, "");
		}
	}

	void send(OutboundMessage message) {
		this.sendLock.lock();
		try {
			this.applicationState = nextApplicationState(message);
		}
		finally {
			this.sendLock.unlock();
		}
		try {
			this.transport.send(message);
		}
		catch (IOException ex) {
			throw lost(ex);
		}
	}

	CompletableFuture<Void> sendAsync(OutboundMessage message) {
		CompletableFuture<Void> sent;
		this.sendLock.lock();
		try {
			this.applicationState = nextApplicationState(message);
			sent = this.transport.sendAsync(message);
		}
		finally {
			this.sendLock.unlock();
		}
		return sent.handle((result, failure) -> {
			if (failure == null) {
				return null;
			}
			throw lost(failure);
		});
	}

	/**
	 * Record that a send failed and return the disconnect it reports: the one the transport gave as the
	 * cause when it knows the code the connection was closed with, otherwise an abnormal closure.
	 */
	private WebSocketDisconnect lost(Throwable failure) {
		WebSocketDisconnect disconnect = new WebSocketDisconnect(CloseCodes.WS_1006_ABNORMAL_CLOSURE, "");
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof WebSocketDisconnect known) {
				disconnect = new WebSocketDisconnect(known.getCode(), known.getReason());
				break;
			}
		}
		if (this.lostWith == null) {
			this.lostWith = disconnect;
		}
		this.applicationState = WebSocketState.DISCONNECTED;
		return disconnect;
	}

	private WebSocketState nextApplicationState(OutboundMessage message) {
		return switch (this.applicationState) {
			case CONNECTING -> {
				if (message instanceof OutboundMessage.Accept) {
					yield WebSocketState.CONNECTED;
				}
				if (message instanceof OutboundMessage.Close) {
					yield WebSocketState.DISCONNECTED;
				}
				if (message instanceof OutboundMessage.DenialResponseStart) {
					yield WebSocketState.RESPONSE;
				}
				throw unexpected(message, "\"websocket.accept\", \"websocket.close\" or \"websocket.http.response.start\"");
			}
			case CONNECTED -> {
				if (message instanceof OutboundMessage.SendText || message instanceof OutboundMessage.SendBytes) {
					yield WebSocketState.CONNECTED;
				}
				if (message instanceof OutboundMessage.Close) {
					yield WebSocketState.DISCONNECTED;
				}
				throw unexpected(message, "\"websocket.send\" or \"websocket.close\"");
			}
			case RESPONSE -> {
				if (message instanceof OutboundMessage.DenialResponseBody body) {
					yield body.moreBody() ? WebSocketState.RESPONSE : WebSocketState.DISCONNECTED;
				}
				throw unexpected(message, "\"websocket.http.response.body\"");
			}
			case DISCONNECTED -> throw new WebSocketNotConnectedException(
					"Cannot call \"send\" once a close message has been sent.");
		};
	}

	private static WebSocketStateException unexpected(OutboundMessage message, String expected) {
		return new WebSocketStateException(
				"Expected ASGI message " + expected + ", but got '" + message.type() + "'");
	}

}
