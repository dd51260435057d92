package io.fastws.broadcast;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.system.JavaVersion;
import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * Sends every message published to a channel, by any instance, to the members of a local
 * {@link ConnectionGroup}, until it is closed or its {@link Broadcaster} stops; made by
 * {@link Broadcaster#relay(String, ConnectionGroup)}.
 *
 * <p>The relay subscribes to the channel once and reads its subscription on a thread of its own: a virtual
 * thread on Java 21 and later, a daemon thread before. It only queues each message on the group, so a slow
 * member is cut off by the group's own rules while the others, and the relay, go on. Should the relay
 * itself fall more than {@code fastws.broadcast.subscriber-queue-size} messages behind, it logs a warning
 * and subscribes again: the messages it missed are lost, the ones that follow are relayed.
 */
public final class BroadcastRelay implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(BroadcastRelay.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

	private final Broadcaster broadcaster;

	private final String channel;

	private final ConnectionGroup group;

	private final Thread thread;

	private volatile Subscription subscription;

	private volatile boolean closed;

	private BroadcastRelay(Broadcaster broadcaster, String channel, ConnectionGroup group) {
		this.broadcaster = broadcaster;
		this.channel = channel;
		this.group = group;
		this.thread = newThread(this::run, "fastws-relay-" + channel);
	}

	/**
	 * Subscribe to the channel and start relaying it to the group.
	 * @param broadcaster the broadcaster to subscribe with
	 * @param channel the channel
	 * @param group the group
	 * @return the running relay
	 * @throws IllegalStateException if the group already has a relay from that channel
	 */
	static BroadcastRelay start(Broadcaster broadcaster, String channel, ConnectionGroup group) {
		if (!group.claimRelay(channel)) {
			throw new IllegalStateException("Group '" + group.getName() + "' already has a relay from channel '"
					+ channel + "': a second one would deliver every message twice");
		}
		try {
			BroadcastRelay relay = new BroadcastRelay(broadcaster, channel, group);
			relay.subscription = broadcaster.subscribe(channel);
			relay.thread.start();
			return relay;
		}
		catch (RuntimeException | Error ex) {
			group.releaseRelay(channel);
			throw ex;
		}
	}

	private void run() {
		try {
			while (!relayUntilClosed()) {
				this.subscription = this.broadcaster.subscribe(this.channel);
				if (this.closed) {
					this.subscription.close();
				}
			}
		}
		finally {
			this.group.releaseRelay(this.channel);
		}
	}

	/**
	 * Relay what the current subscription carries.
	 * @return {@code true} once the subscription is closed, {@code false} if it overflowed
	 */
	private boolean relayUntilClosed() {
		try {
			for (String message : this.subscription) {
				send(message);
			}
			return true;
		}
		catch (SubscriptionOverflowException ex) {
			if (this.closed) {
				return true;
			}
			logger.warn("The relay from channel '" + this.channel + "' to group '" + this.group.getName()
					+ "' fell behind and missed messages; it subscribes again and goes on. " + ex.getMessage());
			return false;
		}
	}

	private void send(String message) {
		try {
			this.group.sendText(message);
		}
		catch (RuntimeException ex) {
			logger.error("The relay from channel '" + this.channel + "' to group '" + this.group.getName()
					+ "' could not send a message; it goes on with the next", ex);
		}
	}

	/**
	 * Return whether the relay still runs.
	 * @return {@code false} once it is closed or its broadcaster stopped
	 */
	public boolean isRunning() {
		return this.thread.isAlive();
	}

	/**
	 * Stop relaying, and wait a few seconds at most for the message being sent, if any, to be queued.
	 */
	@Override
	public void close() {
		this.closed = true;
		this.subscription.close();
		if (Thread.currentThread() != this.thread) {
			try {
				this.thread.join(STOP_TIMEOUT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public String toString() {
		return "BroadcastRelay[" + this.channel + " -> " + this.group.getName() + "]";
	}

	private static Thread newThread(Runnable task, String name) {
		if (JavaVersion.getJavaVersion().isEqualOrNewerThan(JavaVersion.TWENTY_ONE)) {
			Thread thread = new VirtualThreadTaskExecutor().getVirtualThreadFactory().newThread(task);
			thread.setName(name);
			return thread;
		}
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

}
