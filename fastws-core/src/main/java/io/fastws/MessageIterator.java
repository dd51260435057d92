package io.fastws;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Iterates over received messages until the client disconnects, then ends without an exception.
 *
 * @param <T> the type of message
 */
final class MessageIterator<T> implements Iterator<T> {

	private final Supplier<T> receiver;

	private @Nullable T next;

	private boolean buffered;

	private boolean done;

	MessageIterator(Supplier<T> receiver) {
		this.receiver = receiver;
	}

	@Override
	public boolean hasNext() {
		if (!this.buffered && !this.done) {
			try {
				this.next = this.receiver.get();
				this.buffered = true;
			}
			catch (WebSocketDisconnect ex) {
				this.done = true;
			}
		}
		return this.buffered;
	}

	@Override
	public T next() {
		if (!hasNext()) {
			throw new NoSuchElementException("The client disconnected");
		}
		T result = this.next;
		this.next = null;
		this.buffered = false;
		return result;
	}

}
