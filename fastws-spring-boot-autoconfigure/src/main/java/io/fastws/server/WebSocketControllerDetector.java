package io.fastws.server;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.bind.InvocableWebSocketHandlerMethod;
import io.fastws.bind.WebSocketArgumentResolverComposite;
import io.fastws.bind.WebSocketParameterValidator;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Finds the {@link WebSocketController @WebSocketController} beans of an application context and turns
 * their {@link WebSocketMapping @WebSocketMapping} methods into {@link WebSocketRoute routes}, refusing two
 * routes that match the same paths.
 */
public class WebSocketControllerDetector {

	private final WebSocketArgumentResolverComposite argumentResolver;

	private final WebSocketParameterValidator validator;

	private final PathPatternParser patternParser = PathPatternParser.defaultInstance;

	/**
	 * Create a detector whose routes bind their parameters with the given resolvers.
	 * @param argumentResolver the resolvers for handler method parameters
	 * @param validator the validator for handler method parameters, or {@code null} for none
	 */
	public WebSocketControllerDetector(WebSocketArgumentResolverComposite argumentResolver,
			WebSocketParameterValidator validator) {
		this.argumentResolver = argumentResolver;
		this.validator = validator;
	}

	/**
	 * Return the routes of every controller in the given context.
	 * @param context the application context
	 * @return the routes
	 * @throws IllegalStateException if two routes are ambiguous, or a parameter cannot be bound
	 */
	public List<WebSocketRoute> detectRoutes(ApplicationContext context) {
		List<WebSocketRoute> routes = new ArrayList<>();
		for (String beanName : context.getBeanNamesForAnnotation(WebSocketController.class)) {
			if (ScopedProxyUtils.isScopedTarget(beanName)) {
				continue;
			}
			Class<?> beanType = context.getType(beanName);
			if (beanType != null) {
				routes.addAll(routesOf(beanName, ClassUtils.getUserClass(beanType), context));
			}
		}
		assertUnambiguous(routes);
		return routes;
	}

	private List<WebSocketRoute> routesOf(String beanName, Class<?> beanType, ApplicationContext context) {
		WebSocketMapping typeMapping = AnnotatedElementUtils.findMergedAnnotation(beanType, WebSocketMapping.class);
		String prefix = (typeMapping != null) ? typeMapping.path() : "";
		Map<Method, WebSocketMapping> methods = MethodIntrospector.selectMethods(beanType,
				(MethodIntrospector.MetadataLookup<WebSocketMapping>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, WebSocketMapping.class));
		List<WebSocketRoute> routes = new ArrayList<>();
		methods.forEach((method, mapping) -> {
			Method invocable = MethodIntrospector.selectInvocableMethod(method, beanType);
			HandlerMethod handlerMethod = new HandlerMethod(beanName, context.getAutowireCapableBeanFactory(), invocable);
			PathPattern pattern = this.patternParser.parse(this.patternParser.initFullPathPattern(prefix + mapping.path()));
			routes.add(new WebSocketRoute(pattern, new InvocableWebSocketHandlerMethod(handlerMethod, this.argumentResolver,
					this.validator)));
		});
		return routes;
	}

	private static void assertUnambiguous(List<WebSocketRoute> routes) {
		Map<String, WebSocketRoute> byShape = new HashMap<>();
		for (WebSocketRoute route : routes) {
			WebSocketRoute existing = byShape.putIfAbsent(shapeOf(route.pattern()), route);
			if (existing != null) {
				throw new IllegalStateException("Ambiguous WebSocket routes: '" + existing.pattern().getPatternString()
						+ "' of " + existing.handler().describe() + " and '" + route.pattern().getPatternString()
						+ "' of " + route.handler().describe() + " match the same paths");
			}
		}
	}

	private static String shapeOf(PathPattern pattern) {
		return pattern.getPatternString().replaceAll("\\{\\*[^}]*}", "{*}").replaceAll("\\{[^}:*]+(:|})", "{$1");
	}

}
