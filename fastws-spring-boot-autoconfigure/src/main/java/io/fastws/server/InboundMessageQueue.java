package io.fastws.server;

import java.util.concurrent.LinkedBlockingQueue;

import io.fastws.InboundMessage;

/**
 * The messages a client sent that its handler has not received yet.
 *
 * <p>When {@code capacity} messages are waiting, reading from the client is suspended; it resumes once the
 * handler has taken the queue down to half. Nothing is dropped, and a disconnect is always queued, so the
 * queue holds at most {@code capacity} messages plus the few a container reads before suspension takes hold.
 */
final class InboundMessageQueue {

	private final LinkedBlockingQueue<InboundMessage> queue = new LinkedBlockingQueue<>();

	private final int capacity;

	private final int resumeThreshold;

	private volatile FlowControl flowControl;

	private volatile boolean suspended;

	InboundMessageQueue(int capacity) {
		this.capacity = Math.max(1, capacity);
		this.resumeThreshold = this.capacity / 2;
	}

	void setFlowControl(FlowControl flowControl) {
		this.flowControl = flowControl;
	}

	boolean isSuspended() {
		return this.suspended;
	}

	/**
	 * Queue a message from the client, suspending reading if the queue is full.
	 * @param message the message
	 */
	void add(InboundMessage message) {
		this.queue.add(message);
		if (this.queue.size() >= this.capacity && !this.suspended) {
			synchronized (this) {
				FlowControl control = this.flowControl;
				if (control != null && !this.suspended && this.queue.size() >= this.capacity) {
					this.suspended = true;
					control.suspend();
				}
			}
		}
	}

	/**
	 * Wait for the next message, resuming reading once the handler has caught up.
	 * @return the next message
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	InboundMessage take() throws InterruptedException {
		InboundMessage message = this.queue.take();
		if (this.suspended) {
			synchronized (this) {
				if (this.suspended && this.queue.size() <= this.resumeThreshold) {
					this.suspended = false;
					this.flowControl.resume();
				}
			}
		}
		return message;
	}

	int size() {
		return this.queue.size();
	}

}
