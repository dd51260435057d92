package io.fastws.autoconfigure;

import io.fastws.bind.InvalidHandlerMethodException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a WebSocket handler method that cannot be served as written, with what to do about it, instead
 * of a stack trace.
 */
final class InvalidHandlerMethodFailureAnalyzer extends AbstractFailureAnalyzer<InvalidHandlerMethodException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidHandlerMethodException cause) {
		return new FailureAnalysis(cause.getDescription(), cause.getAction(), cause);
	}

}
