package io.fastws.server;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.ClassUtils;

/**
 * Carries the upgrade request's Spring Security context to the thread of the connection's handler, so that
 * method security ({@code @PreAuthorize}, {@code @Secured}) and {@code SecurityContextHolder} work there as
 * they do in a Spring MVC controller. Does nothing without Spring Security.
 */
abstract class SecurityContextCarrier {

	private static final boolean SECURITY_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.core.context.SecurityContextHolder",
			SecurityContextCarrier.class.getClassLoader());

	private static final String ACCESS_DENIED_EXCEPTION = "org.springframework.security.access.AccessDeniedException";

	private static final SecurityContextCarrier NONE = new SecurityContextCarrier() {

		@Override
		void run(Runnable task) {
			task.run();
		}

	};

	/**
	 * Capture the security context of the calling thread, the one handling the upgrade request.
	 * @return the carrier of that context
	 */
	static SecurityContextCarrier capture() {
		return SECURITY_PRESENT ? SpringSecurity.capture() : NONE;
	}

	/**
	 * Return whether the given failure is Spring Security's refusal of access, such as a denied
	 * {@code @PreAuthorize}.
	 * @param failure the failure
	 * @return {@code true} for an {@code AccessDeniedException}
	 */
	static boolean isAccessDenied(Throwable failure) {
		for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
			if (type.getName().equals(ACCESS_DENIED_EXCEPTION)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Run a task with the captured context, restoring the thread's own afterwards.
	 * @param task the task
	 */
	abstract void run(Runnable task);

	/**
	 * The carrier of a Spring Security context, loaded only when Spring Security is present.
	 */
	private static final class SpringSecurity extends SecurityContextCarrier {

		private final SecurityContext context;

		private SpringSecurity(SecurityContext context) {
			this.context = context;
		}

		static SecurityContextCarrier capture() {
			// an empty context too, so that a pool thread never runs with a context left over from elsewhere
			SecurityContext current = SecurityContextHolder.getContext();
			SecurityContext copy = SecurityContextHolder.createEmptyContext();
			copy.setAuthentication(current.getAuthentication());
			return new SpringSecurity(copy);
		}

		@Override
		void run(Runnable task) {
			SecurityContext previous = SecurityContextHolder.getContext();
			SecurityContextHolder.setContext(this.context);
			try {
				task.run();
			}
			finally {
				SecurityContextHolder.setContext(previous);
			}
		}

	}

}
