package io.fastws.bind;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where the value of a handler or provider parameter comes from, as a {@link BindingError} names it.
 */
public enum BindingSource {

	/**
	 * A variable of the route template.
	 */
	PATH("path", "path variable"),

	/**
	 * A query parameter of the upgrade request.
	 */
	QUERY("query", "query parameter"),

	/**
	 * A header of the upgrade request.
	 */
	HEADER("header", "header"),

	/**
	 * A cookie of the upgrade request.
	 */
	COOKIE("cookie", "cookie"),

	/**
	 * Any other parameter, such as a {@link io.fastws.annotation.Depends @Depends} result or a bean.
	 */
	PARAMETER("parameter", "value");

	private final String value;

	private final String description;

	BindingSource(String value, String description) {
		this.value = value;
		this.description = description;
	}

	/**
	 * Return the source as binding errors show it, in JSON too, such as {@code query}.
	 * @return the lower-case value
	 */
	@JsonValue
	public String value() {
		return this.value;
	}

	/**
	 * Return what a value of this source is called in messages, such as {@code query parameter}.
	 * @return the description
	 */
	String description() {
		return this.description;
	}

}
