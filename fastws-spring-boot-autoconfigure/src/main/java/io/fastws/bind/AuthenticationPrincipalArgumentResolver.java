package io.fastws.bind;

import io.fastws.WebSocket;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Binds a parameter annotated with Spring Security's {@link AuthenticationPrincipal @AuthenticationPrincipal}
 * to the principal of the upgrade request's authentication, as Spring MVC does: {@code null} when
 * unauthenticated or of another type (unless {@code errorOnInvalidType}), and the value of its
 * {@code expression}, evaluated on the principal, when it has one.
 */
public class AuthenticationPrincipalArgumentResolver implements WebSocketArgumentResolver {

	private final SpelExpressionParser parser = new SpelExpressionParser();

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return findAnnotation(parameter) != null;
	}

	@Override
	public @Nullable Object resolveArgument(MethodParameter parameter, WebSocket webSocket) {
		Authentication authentication = authentication(webSocket);
		if (authentication == null) {
			return null;
		}
		Object principal = authentication.getPrincipal();
		AuthenticationPrincipal annotation = findAnnotation(parameter);
		if (StringUtils.hasLength(annotation.expression())) {
			Expression expression = this.parser.parseExpression(annotation.expression());
			principal = expression.getValue(new StandardEvaluationContext(principal));
		}
		if (principal != null && !ClassUtils.isAssignableValue(parameter.getParameterType(), principal)) {
			if (annotation.errorOnInvalidType()) {
				throw new ClassCastException(principal + " is not assignable to " + parameter.getParameterType());
			}
			return null;
		}
		return principal;
	}

	private static @Nullable Authentication authentication(WebSocket webSocket) {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		if (current != null) {
			return current;
		}
		return (webSocket.request().principal() instanceof Authentication authentication) ? authentication : null;
	}

	private static @Nullable AuthenticationPrincipal findAnnotation(MethodParameter parameter) {
		AuthenticationPrincipal annotation = parameter.getParameterAnnotation(AuthenticationPrincipal.class);
		if (annotation != null) {
			return annotation;
		}
		for (java.lang.annotation.Annotation candidate : parameter.getParameterAnnotations()) {
			AuthenticationPrincipal merged = AnnotatedElementUtils.findMergedAnnotation(candidate.annotationType(),
					AuthenticationPrincipal.class);
			if (merged != null) {
				return merged;
			}
		}
		return null;
	}

}
