package io.fastws.server;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fastws.server.observation.DefaultWebSocketConnectionObservationConvention;
import io.fastws.server.observation.DefaultWebSocketHandshakeObservationConvention;
import io.fastws.server.observation.WebSocketConnectionContext;
import io.fastws.server.observation.WebSocketConnectionObservationConvention;
import io.fastws.server.observation.WebSocketHandshakeContext;
import io.fastws.server.observation.WebSocketHandshakeObservationConvention;
import io.fastws.server.observation.WebSocketMessageMetrics;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Tells the access log, Micrometer observations and the message metrics what happens to handshakes and
 * connections: one call per handshake answered and per connection opened or closed.
 */
final class ConnectionObserver {

	private static final WebSocketHandshakeObservationConvention DEFAULT_HANDSHAKE_CONVENTION = new DefaultWebSocketHandshakeObservationConvention();

	private static final WebSocketConnectionObservationConvention DEFAULT_CONNECTION_CONVENTION = new DefaultWebSocketConnectionObservationConvention();

	private final AccessLog accessLog = new AccessLog();

	private final Map<WebSocketRoute, WebSocketMessageMetrics.RouteRecorder> recorders = new ConcurrentHashMap<>();

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable WebSocketHandshakeObservationConvention handshakeConvention;

	private @Nullable WebSocketConnectionObservationConvention connectionConvention;

	private WebSocketMessageMetrics messageMetrics = WebSocketMessageMetrics.NONE;

	void setAccessLogEnabled(boolean enabled) {
		this.accessLog.setEnabled(enabled);
	}

	void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
	}

	void setHandshakeConvention(@Nullable WebSocketHandshakeObservationConvention handshakeConvention) {
		this.handshakeConvention = handshakeConvention;
	}

	void setConnectionConvention(@Nullable WebSocketConnectionObservationConvention connectionConvention) {
		this.connectionConvention = connectionConvention;
	}

	void setMessageMetrics(WebSocketMessageMetrics messageMetrics) {
		this.messageMetrics = messageMetrics;
		this.recorders.clear();
	}

	/**
	 * Return the recorder of a route's messages.
	 * @param route the route
	 * @return its recorder
	 */
	WebSocketMessageMetrics.RouteRecorder recorder(WebSocketRoute route) {
		return this.recorders.computeIfAbsent(route, (key) -> guarded(this.messageMetrics.forRoute(key.template())));
	}

	private static WebSocketMessageMetrics.RouteRecorder guarded(WebSocketMessageMetrics.RouteRecorder recorder) {
		// nothing to guard when nothing is recorded: every message passes here
		return (recorder == WebSocketMessageMetrics.RouteRecorder.NONE) ? recorder : new GuardedRouteRecorder(recorder);
	}

	/**
	 * Return the observation of the calling thread, the upgrade request's on a container thread.
	 * @return the current observation, or {@code null} if there is none
	 */
	@Nullable Observation currentObservation() {
		return this.observationRegistry.getCurrentObservation();
	}

	/**
	 * Start observing a handshake, as a child of the upgrade request's observation.
	 * @param route the route
	 * @param uri the request URI
	 * @return the started observation
	 */
	Observation handshakeStarted(WebSocketRoute route, URI uri) {
		WebSocketHandshakeContext context = new WebSocketHandshakeContext(route.template(), rawPath(uri));
		return Observation
			.createNotStarted(this.handshakeConvention, DEFAULT_HANDSHAKE_CONVENTION, () -> context,
					this.observationRegistry)
			.parentObservation(currentObservation())
			.start();
	}

	/**
	 * Record how a handshake ended, once.
	 * @param pending the handshake's connection
	 * @param remote the client's address, or {@code null} if unknown
	 * @param uri the request URI
	 * @param status the HTTP status answered, {@code 0} when the application's error handling answers
	 * @param outcome how it ended
	 * @param detail why, in a few words, or {@code null} when the status says it all
	 */
	void handshakeAnswered(PendingConnection pending, @Nullable InetSocketAddress remote, URI uri, int status,
			HandshakeOutcome outcome, @Nullable String detail) {
		Observation observation = pending.takeHandshakeObservation();
		if (observation == null) {
			return;
		}
		this.accessLog.handshake(remote, uri, status, pending.route(), pending.started(), detail);
		if (observation.getContext() instanceof WebSocketHandshakeContext context) {
			// not when nothing observes: a no-op observation has a context of its own
			context.setAnswer(outcome.tag(), status);
		}
		observation.stop();
	}

	/**
	 * Start observing an established connection, as a child of the upgrade request's observation.
	 * @param pending the connection
	 * @param uri the request URI, or {@code null} if unknown
	 * @return the started observation
	 */
	Observation connectionOpened(PendingConnection pending, @Nullable URI uri) {
		WebSocketConnectionContext context = new WebSocketConnectionContext(pending.route().template(),
				rawPath(uri));
		return Observation
			.createNotStarted(this.connectionConvention, DEFAULT_CONNECTION_CONVENTION, () -> context,
					this.observationRegistry)
			.parentObservation(pending.requestObservation())
			.start();
	}

	/**
	 * Record the end of a connection.
	 * @param observation the connection's observation
	 * @param route the route
	 * @param remote the client's address, or {@code null} if unknown
	 * @param uri the request URI, or {@code null} if unknown
	 * @param closeCode the close code
	 * @param outcome why it ended
	 * @param opened when it opened, from {@link System#nanoTime()}
	 * @param received how many messages came from the client
	 * @param sent how many messages went to the client
	 */
	void connectionClosed(Observation observation, WebSocketRoute route, @Nullable InetSocketAddress remote,
			@Nullable URI uri, int closeCode, ConnectionOutcome outcome, long opened, long received, long sent) {
		this.accessLog.closed(remote, uri, closeCode, route, opened, received, sent);
		if (observation.getContext() instanceof WebSocketConnectionContext context) {
			context.setClosed(closeCode, outcome.tag());
		}
		observation.stop();
	}

	private static String rawPath(@Nullable URI uri) {
		String path = (uri != null) ? uri.getRawPath() : null;
		return (path != null) ? path : "";
	}

}
