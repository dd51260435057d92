package io.fastws.broadcast;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.json.JsonMapper;

/**
 * The application's {@link ConnectionGroup connection groups}, by name, created on first use.
 */
public class ConnectionGroups {

	private final JsonMapper jsonMapper;

	private final Map<String, ConnectionGroup> groups = new ConcurrentHashMap<>();

	/**
	 * Create a registry whose groups write JSON with the given mapper.
	 * @param jsonMapper the mapper
	 */
	public ConnectionGroups(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Return the group of the given name, creating it if needed.
	 * @param name the name
	 * @return the group
	 */
	public ConnectionGroup group(String name) {
		return this.groups.computeIfAbsent(name, (key) -> new ConnectionGroup(key, this.jsonMapper));
	}

}
