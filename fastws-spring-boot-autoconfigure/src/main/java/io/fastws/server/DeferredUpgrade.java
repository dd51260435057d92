package io.fastws.server;

import java.util.function.BiConsumer;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;

/**
 * An upgrade request whose container thread is let go while its handler decides the handshake: the request
 * goes into asynchronous mode, and once the handler has decided it is dispatched again to the same path,
 * where a container thread upgrades or answers it. So a handler's work before {@code accept()}, such as an
 * authentication lookup, holds none of the container's request threads.
 *
 * <p>The container performs an upgrade requested in the asynchronous dispatch as it does one requested in
 * the original request, with one exception on Tomcat: see {@link TomcatWebSocketContainer}.
 */
final class DeferredUpgrade {

	private static final Log logger = LogFactory.getLog(DeferredUpgrade.class);

	private static final String ATTRIBUTE = DeferredUpgrade.class.getName();

	private final BiConsumer<ServerHttpRequest, ServerHttpResponse> completion;

	private DeferredUpgrade(BiConsumer<ServerHttpRequest, ServerHttpResponse> completion) {
		this.completion = completion;
	}

	/**
	 * Let the request's container thread go until the handshake is decided, then finish the request with the
	 * given completion, on the container thread of the dispatch that {@link #resume resumes} it.
	 * @param request the upgrade request
	 * @param decision the handshake the request waits for
	 * @param completion what upgrades or answers the request once the handshake is decided
	 * @param lost what to do instead if the request has ended before it could be dispatched again, so that
	 * it will never be answered
	 * @return {@code false} if the request does not support asynchronous processing (a filter or servlet
	 * that does not declare it), and the caller has to wait for the decision itself
	 */
	static boolean defer(HttpServletRequest request, HandshakeDecision decision,
			BiConsumer<ServerHttpRequest, ServerHttpResponse> completion, Runnable lost) {
		if (!request.isAsyncSupported()) {
			return false;
		}
		request.setAttribute(ATTRIBUTE, new DeferredUpgrade(completion));
		AsyncContext context = request.startAsync();
		context.setTimeout(0);
		// dispatched from the shared timer thread, not from the deciding handler's: Tomcat keeps dispatch
		// state in a thread local of the thread that dispatches, which a handler's virtual thread would hold
		// for as long as its connection lasts
		decision.whenDecided(() -> ConnectionTimers.schedule(() -> dispatch(context, lost), 0));
		return true;
	}

	/**
	 * Finish a deferred upgrade request, if this is the dispatch that resumes one.
	 * @param servletRequest the request being dispatched
	 * @param request the request, to upgrade
	 * @param response the response, to write
	 * @return whether the request was a deferred upgrade, now finished
	 */
	static boolean resume(HttpServletRequest servletRequest, ServerHttpRequest request, ServerHttpResponse response) {
		if (servletRequest.getDispatcherType() != DispatcherType.ASYNC
				|| !(servletRequest.getAttribute(ATTRIBUTE) instanceof DeferredUpgrade deferred)) {
			return false;
		}
		servletRequest.removeAttribute(ATTRIBUTE);
		deferred.completion.accept(request, response);
		return true;
	}

	private static void dispatch(AsyncContext context, Runnable lost) {
		try {
			context.dispatch();
		}
		catch (IllegalStateException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Could not resume the upgrade request: it has ended already", ex);
			}
			lost.run();
		}
	}

}
