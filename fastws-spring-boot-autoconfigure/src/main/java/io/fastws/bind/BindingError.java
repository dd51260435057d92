package io.fastws.bind;

import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * Why one handler or provider parameter could not be bound for a connection.
 *
 * @param type what went wrong
 * @param source where the value comes from
 * @param name the name of the value in its source, such as the query parameter's name
 * @param message a message for people
 * @param input the value that was rejected, or {@code null} when it was missing
 */
public record BindingError(Type type, BindingSource source, String name, String message,
		@Nullable Object input) {

	/**
	 * Create an error for a required value that is missing.
	 * @param source the source of the value
	 * @param name the name of the value
	 * @return the error
	 */
	public static BindingError missing(BindingSource source, String name) {
		return new BindingError(Type.MISSING, source, name,
				"Required " + source.description() + " '" + name + "' is missing", null);
	}

	/**
	 * What went wrong when binding a value.
	 */
	public enum Type {

		/**
		 * A required value is missing.
		 */
		MISSING("missing"),

		/**
		 * A value cannot be converted to the parameter's type.
		 */
		CONVERSION("conversion"),

		/**
		 * A value breaks a Bean Validation constraint of the parameter.
		 */
		VALIDATION("validation");

		private final String value;

		Type(String value) {
			this.value = value;
		}

		/**
		 * Return the type as binding errors show it, in JSON too, such as {@code missing}.
		 * @return the lower-case value
		 */
		@JsonValue
		public String value() {
			return this.value;
		}

	}

}
