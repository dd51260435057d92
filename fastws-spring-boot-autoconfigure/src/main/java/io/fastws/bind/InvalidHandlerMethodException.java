package io.fastws.bind;

/**
 * Thrown at start-up when a WebSocket handler method or its route cannot be served as written, with what
 * is wrong and what to do about it.
 */
public class InvalidHandlerMethodException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String action;

	/**
	 * Create an exception.
	 * @param description what is wrong, naming the method or route
	 * @param action what to do about it
	 */
	public InvalidHandlerMethodException(String description, String action) {
		super(description);
		this.action = action;
	}

	/**
	 * Create an exception with the failure that revealed the problem.
	 * @param description what is wrong, naming the method or route
	 * @param action what to do about it
	 * @param cause the failure that revealed the problem
	 */
	public InvalidHandlerMethodException(String description, String action, Throwable cause) {
		super(description, cause);
		this.action = action;
	}

	/**
	 * Return what is wrong.
	 * @return the description
	 */
	public String getDescription() {
		return getMessage();
	}

	/**
	 * Return what to do about it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
