package io.fastws.broadcast;

/**
 * Thrown to a subscriber that fell more messages behind than its {@link Subscription} can hold, and was
 * cut off rather than miss messages unknowingly.
 */
public class SubscriptionOverflowException extends IllegalStateException {

	SubscriptionOverflowException(String channel, int capacity) {
		super("The subscription to '" + channel + "' fell more than " + capacity
				+ " messages behind and was closed (fastws.broadcast.subscriber-queue-size)");
	}

}
