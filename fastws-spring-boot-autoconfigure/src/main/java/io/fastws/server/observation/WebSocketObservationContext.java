package io.fastws.server.observation;

import io.micrometer.observation.Observation;

/**
 * The base of the {@link Observation.Context contexts} of fastws's observations: the route, by its
 * template, and the request's path.
 */
public abstract class WebSocketObservationContext extends Observation.Context {

	private final String route;

	private final String path;

	/**
	 * Create the context of an observation of the given route.
	 * @param route the template of the route the request matched, such as {@code /ws/{client_id}}
	 * @param path the request's path, without its query
	 */
	protected WebSocketObservationContext(String route, String path) {
		this.route = route;
		this.path = path;
	}

	/**
	 * Return the template of the route.
	 * @return the route template
	 */
	public String getRoute() {
		return this.route;
	}

	/**
	 * Return the request's path, without its query.
	 * @return the path
	 */
	public String getPath() {
		return this.path;
	}

}
