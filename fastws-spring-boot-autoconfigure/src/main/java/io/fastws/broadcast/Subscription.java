package io.fastws.broadcast;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The messages published to one channel since a subscriber joined, in the order they were published.
 *
 * <p>Its queue is bounded: a subscriber that falls {@code capacity} messages behind is cut off rather than
 * have messages silently skipped: the subscription closes and the next {@link #poll} or {@link #take}
 * throws {@link SubscriptionOverflowException} once the queued messages are read. Iterating ends quietly
 * when the subscription is closed, and throws on overflow.
 */
public final class Subscription implements AutoCloseable, Iterable<String> {

	private final String channel;

	private final int capacity;

	private final LinkedBlockingQueue<Entry> queue;

	private final Consumer<Subscription> onClose;

	private final Object lock = new Object();

	private volatile boolean closed;

	private volatile boolean overflowed;

	Subscription(String channel, int capacity, Consumer<Subscription> onClose) {
		this.channel = channel;
		this.capacity = capacity;
		this.queue = new LinkedBlockingQueue<>(capacity + 1);
		this.onClose = onClose;
	}

	/**
	 * Return the channel.
	 * @return the channel name
	 */
	public String channel() {
		return this.channel;
	}

	/**
	 * Return whether this subscription was cut off for falling too far behind.
	 * @return {@code true} after an overflow
	 */
	public boolean isOverflowed() {
		return this.overflowed;
	}

	/**
	 * Return whether this subscription still receives messages.
	 * @return {@code false} once closed or overflowed
	 */
	public boolean isOpen() {
		return !this.closed;
	}

	void deliver(String message) {
		synchronized (this.lock) {
			if (this.closed) {
				return;
			}
			if (this.queue.size() < this.capacity) {
				this.queue.offer(new Message(message));
				return;
			}
			this.overflowed = true;
			end();
		}
		this.onClose.accept(this);
	}

	/**
	 * Wait at most the given time for the next message.
	 * @param timeout how long to wait
	 * @return the message, or {@code null} if none came in time or the subscription is closed
	 * @throws SubscriptionOverflowException if the subscriber fell too far behind
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	public String poll(Duration timeout) throws InterruptedException {
		Entry entry = this.queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
		return (entry != null) ? checked(entry) : null;
	}

	/**
	 * Wait for the next message.
	 * @return the message, or {@code null} once the subscription is closed
	 * @throws SubscriptionOverflowException if the subscriber fell too far behind
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	public String take() throws InterruptedException {
		return checked(this.queue.take());
	}

	private String checked(Entry entry) {
		if (entry instanceof Message message) {
			return message.text();
		}
		this.queue.offer(entry);
		if (this.overflowed) {
			throw new SubscriptionOverflowException(this.channel, this.capacity);
		}
		return null;
	}

	/**
	 * Return the messages as they come, until the subscription is closed.
	 * @return an iterator that waits for each message
	 */
	@Override
	public Iterator<String> iterator() {
		return new Iterator<>() {

			private String next;

			@Override
			public boolean hasNext() {
				if (this.next == null) {
					try {
						this.next = take();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return false;
					}
				}
				return this.next != null;
			}

			@Override
			public String next() {
				if (!hasNext()) {
					throw new NoSuchElementException("The subscription to '" + Subscription.this.channel + "' is closed");
				}
				String message = this.next;
				this.next = null;
				return message;
			}

		};
	}

	/**
	 * Stop receiving messages; messages already queued can still be read.
	 */
	@Override
	public void close() {
		synchronized (this.lock) {
			if (this.closed) {
				return;
			}
			end();
		}
		this.onClose.accept(this);
	}

	/**
	 * Queue the end. Called with the lock; deliveries never queue more than {@code capacity} messages, so
	 * the end always fits, and nothing is queued after it.
	 */
	private void end() {
		this.closed = true;
		this.queue.offer(End.INSTANCE);
	}

	@Override
	public String toString() {
		return "Subscription[" + this.channel + ", queued=" + this.queue.size() + "]";
	}

	/**
	 * An entry of the queue: a message, or the end that follows the last one.
	 */
	private sealed interface Entry permits Message, End {

	}

	private record Message(String text) implements Entry {

	}

	private enum End implements Entry {

		INSTANCE

	}

}
