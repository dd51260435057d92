package io.fastws.bind;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when parameters of a handler or of one of its providers cannot be bound; carries every error
 * found, so that a client learns of all of them at once.
 *
 * <p>Before the handshake is decided it rejects the connection with HTTP 403 and a JSON body listing the
 * errors. Custom {@link WebSocketArgumentResolver resolvers} may throw it too.
 */
public class ArgumentBindingException extends RuntimeException {

	private final List<BindingError> errors;

	/**
	 * Create an exception for the given errors.
	 * @param errors the errors, at least one
	 */
	public ArgumentBindingException(List<BindingError> errors) {
		super(describe(errors));
		this.errors = List.copyOf(errors);
	}

	/**
	 * Create an exception for one error.
	 * @param error the error
	 */
	public ArgumentBindingException(BindingError error) {
		this(List.of(error));
	}

	/**
	 * Return the errors.
	 * @return the errors, in the order they were found
	 */
	public List<BindingError> getErrors() {
		return this.errors;
	}

	private static String describe(List<BindingError> errors) {
		return errors.size() + ((errors.size() == 1) ? " binding error: " : " binding errors: ")
				+ errors.stream().map((error) -> error.source().value() + " '" + error.name() + "': " + error.message())
					.collect(Collectors.joining("; "));
	}

}
