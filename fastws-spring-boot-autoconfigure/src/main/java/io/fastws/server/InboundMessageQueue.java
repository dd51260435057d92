package io.fastws.server;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.fastws.InboundMessage;
import org.jspecify.annotations.Nullable;

/**
 * The messages a client sent that its handler has not received yet: many producers (container threads),
 * one consumer (the handler thread, which parks here while it waits, with a shallow stack, since a parked
 * virtual thread keeps its stack on the heap).
 *
 * <p>When {@code capacity} messages are waiting, reading from the client is suspended; it resumes once the
 * handler has taken the queue down to half. Nothing is dropped, and a disconnect is always queued, so the
 * queue holds at most {@code capacity} messages plus the few a container reads before suspension takes hold.
 */
final class InboundMessageQueue {

	private final ConcurrentLinkedQueue<InboundMessage> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger size = new AtomicInteger();

	private final int capacity;

	private final int resumeThreshold;

	private volatile @Nullable Thread waiter;

	private volatile @Nullable FlowControl flowControl;

	private volatile boolean suspended;

	InboundMessageQueue(int capacity) {
		this.capacity = Math.max(1, capacity);
		this.resumeThreshold = this.capacity / 2;
	}

	void setFlowControl(FlowControl flowControl) {
		this.flowControl = flowControl;
	}

	/**
	 * Queue a message from the client, suspending reading if the queue is full.
	 * @param message the message
	 */
	void add(InboundMessage message) {
		this.queue.offer(message);
		int queued = this.size.incrementAndGet();
		Thread consumer = this.waiter;
		if (consumer != null) {
			LockSupport.unpark(consumer);
		}
		if (queued >= this.capacity && !this.suspended) {
			synchronized (this) {
				FlowControl control = this.flowControl;
				if (control != null && !this.suspended && this.size.get() >= this.capacity) {
					this.suspended = true;
					control.suspend();
				}
			}
		}
	}

	/**
	 * Wait for the next message, resuming reading once the handler has caught up. One thread at a time.
	 * @return the next message
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	InboundMessage take() throws InterruptedException {
		InboundMessage message = this.queue.poll();
		while (message == null) {
			this.waiter = Thread.currentThread();
			message = this.queue.poll();
			if (message == null) {
				LockSupport.park(this);
				if (Thread.interrupted()) {
					this.waiter = null;
					throw new InterruptedException();
				}
				message = this.queue.poll();
			}
		}
		this.waiter = null;
		int queued = this.size.decrementAndGet();
		if (this.suspended) {
			synchronized (this) {
				if (this.suspended && queued <= this.resumeThreshold) {
					this.suspended = false;
					this.flowControl.resume();
				}
			}
		}
		return message;
	}

}
