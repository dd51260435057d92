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

	private static final String CLOSED = new String("closed");

	private final String channel;

	private final int capacity;

	private final LinkedBlockingQueue<String> queue;

	private final Consumer<Subscription> onClose;

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
		if (this.closed) {
			return;
		}
		if (this.queue.size() >= this.capacity || !this.queue.offer(message)) {
			this.overflowed = true;
			close();
		}
	}

	/**
	 * Wait at most the given time for the next message.
	 * @param timeout how long to wait
	 * @return the message, or {@code null} if none came in time or the subscription is closed
	 * @throws SubscriptionOverflowException if the subscriber fell too far behind
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	public String poll(Duration timeout) throws InterruptedException {
		String message = this.queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
		return checked(message);
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

	private String checked(String message) {
		if (message == CLOSED) {
			this.queue.offer(CLOSED);
			if (this.overflowed) {
				throw new SubscriptionOverflowException(this.channel, this.capacity);
			}
			return null;
		}
		return message;
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
		if (!this.closed) {
			this.closed = true;
			this.queue.offer(CLOSED);
			this.onClose.accept(this);
		}
	}

	@Override
	public String toString() {
		return "Subscription[" + this.channel + ", queued=" + this.queue.size() + "]";
	}

}
