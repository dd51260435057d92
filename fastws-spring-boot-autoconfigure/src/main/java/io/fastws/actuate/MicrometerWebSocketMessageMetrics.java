package io.fastws.actuate;

import java.util.Locale;

import io.fastws.server.observation.WebSocketMessageMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * {@link WebSocketMessageMetrics} as Micrometer meters, tagged with the route's template:
 * {@code fastws.messages.received} and {@code fastws.messages.sent} (counters, tag {@code type}),
 * {@code fastws.message.size} (distribution summary, tags {@code type} and {@code direction}) and
 * {@code fastws.pushbacks} (counter of the times reading from a client was suspended).
 */
public class MicrometerWebSocketMessageMetrics implements WebSocketMessageMetrics {

	private final MeterRegistry registry;

	/**
	 * Create metrics that register their meters in the given registry.
	 * @param registry the registry
	 */
	public MicrometerWebSocketMessageMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public RouteRecorder forRoute(String route) {
		return new MeteredRoute(this.registry, Tags.of("route", route));
	}

	/**
	 * The meters of one route, created once so that recording a message is a lookup-free increment.
	 */
	private static final class MeteredRoute implements RouteRecorder {

		private final Direction received;

		private final Direction sent;

		private final Counter pushbacks;

		MeteredRoute(MeterRegistry registry, Tags tags) {
			this.received = new Direction(registry, tags, "received");
			this.sent = new Direction(registry, tags, "sent");
			this.pushbacks = Counter.builder("fastws.pushbacks")
				.description("Times fastws stopped reading a client whose handler was behind")
				.tags(tags)
				.register(registry);
		}

		@Override
		public void received(MessageType type, int size) {
			this.received.record(type, size);
		}

		@Override
		public void sent(MessageType type, int size) {
			this.sent.record(type, size);
		}

		@Override
		public void readingSuspended() {
			this.pushbacks.increment();
		}

	}

	/**
	 * The counters and sizes of the messages of one route in one direction.
	 */
	private static final class Direction {

		private final Counter textMessages;

		private final Counter binaryMessages;

		private final DistributionSummary textSizes;

		private final DistributionSummary binarySizes;

		Direction(MeterRegistry registry, Tags tags, String direction) {
			this.textMessages = messages(registry, tags, direction, MessageType.TEXT);
			this.binaryMessages = messages(registry, tags, direction, MessageType.BINARY);
			this.textSizes = sizes(registry, tags, direction, MessageType.TEXT);
			this.binarySizes = sizes(registry, tags, direction, MessageType.BINARY);
		}

		void record(MessageType type, int size) {
			if (type == MessageType.TEXT) {
				this.textMessages.increment();
				this.textSizes.record(size);
			}
			else {
				this.binaryMessages.increment();
				this.binarySizes.record(size);
			}
		}

		private static Counter messages(MeterRegistry registry, Tags tags, String direction, MessageType type) {
			return Counter.builder("fastws.messages." + direction)
				.description("Messages " + direction + ((direction.equals("sent")) ? " to" : " from") + " clients")
				.tags(tags)
				.tag("type", tag(type))
				.register(registry);
		}

		private static DistributionSummary sizes(MeterRegistry registry, Tags tags, String direction,
				MessageType type) {
			return DistributionSummary.builder("fastws.message.size")
				.description("Sizes of messages: characters of text messages, bytes of binary ones")
				.tags(tags)
				.tag("type", tag(type))
				.tag("direction", direction)
				.register(registry);
		}

		private static String tag(MessageType type) {
			return type.name().toLowerCase(Locale.ROOT);
		}

	}

}
