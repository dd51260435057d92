package io.fastws.bind;

/**
 * Why one handler or provider parameter could not be bound for a connection.
 *
 * @param type what went wrong: {@code missing}, {@code conversion} or {@code validation}
 * @param source where the value comes from: {@code path}, {@code query}, {@code header}, {@code cookie} or
 * {@code parameter}
 * @param name the name of the value in its source, such as the query parameter's name
 * @param message a message for people
 * @param input the value that was rejected, or {@code null} when it was missing
 */
public record BindingError(String type, String source, String name, String message, Object input) {

	/**
	 * Create an error for a required value that is missing.
	 * @param source the source of the value
	 * @param name the name of the value
	 * @return the error
	 */
	public static BindingError missing(String source, String name) {
		return new BindingError("missing", source, name, "Required " + sourceDescription(source) + " '" + name
				+ "' is missing", null);
	}

	private static String sourceDescription(String source) {
		return switch (source) {
			case "path" -> "path variable";
			case "query" -> "query parameter";
			case "header" -> "header";
			case "cookie" -> "cookie";
			default -> "value";
		};
	}

}
