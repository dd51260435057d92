package io.fastws.server;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import io.fastws.WebSocketEndpoint;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.bind.BindingLocation;
import io.fastws.bind.BindingSource;
import io.fastws.bind.InvalidHandlerMethodException;
import io.fastws.bind.InvocableWebSocketHandlerMethod;
import io.fastws.bind.WebSocketArgumentResolverComposite;
import io.fastws.bind.WebSocketParameterValidator;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Finds the {@link WebSocketController @WebSocketController} beans of an application context and turns
 * their {@link WebSocketMapping @WebSocketMapping} methods, and the {@link WebSocketEndpoint} classes with a
 * {@code @WebSocketMapping}, into {@link WebSocketRoute routes}, refusing with an
 * {@link InvalidHandlerMethodException} two routes that match the same paths, a path variable the route
 * does not have, and an endpoint that cannot be served as written.
 */
public class WebSocketControllerDetector {

	private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{\\*?([^}:]+)(?::[^}]*)?}");

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
		for (String beanName : controllerBeanNames(context)) {
			Class<?> beanType = context.getType(beanName);
			if (beanType == null) {
				continue;
			}
			Class<?> userType = ClassUtils.getUserClass(beanType);
			if (WebSocketEndpoint.class.isAssignableFrom(userType)) {
				routes.add(endpointRoute(beanName, userType, context));
			}
			else {
				routes.addAll(routesOf(beanName, userType, context));
			}
		}
		assertUnambiguous(routes);
		return routes;
	}

	/**
	 * Return the names of the {@code @WebSocketController} beans and of the {@link WebSocketEndpoint} beans
	 * whose class has a {@code @WebSocketMapping}, scoped targets left out.
	 */
	private static Set<String> controllerBeanNames(ApplicationContext context) {
		Set<String> beanNames = new LinkedHashSet<>(
				Arrays.asList(context.getBeanNamesForAnnotation(WebSocketController.class)));
		for (String beanName : context.getBeanNamesForType(WebSocketEndpoint.class, true, false)) {
			Class<?> beanType = context.getType(beanName);
			if (beanType != null && AnnotatedElementUtils.hasAnnotation(ClassUtils.getUserClass(beanType),
					WebSocketMapping.class)) {
				beanNames.add(beanName);
			}
		}
		beanNames.removeIf(ScopedProxyUtils::isScopedTarget);
		return beanNames;
	}

	private List<WebSocketRoute> routesOf(String beanName, Class<?> beanType, ApplicationContext context) {
		WebSocketMapping typeMapping = AnnotatedElementUtils.findMergedAnnotation(beanType, WebSocketMapping.class);
		String prefix = (typeMapping != null) ? typeMapping.path() : "";
		Map<Method, WebSocketMapping> methods = MethodIntrospector.selectMethods(beanType,
				(MethodIntrospector.MetadataLookup<WebSocketMapping>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, WebSocketMapping.class));
		if (typeMapping != null && methods.isEmpty()) {
			throw new InvalidHandlerMethodException(ClassUtils.getShortName(beanType) + " has @WebSocketMapping(\""
					+ prefix + "\") on its class, but neither extends WebSocketEndpoint nor has @WebSocketMapping "
					+ "methods, so it serves no route.", "Extend WebSocketEndpoint<T> to serve the route with "
							+ "onConnect, onReceive and onDisconnect, or map methods of the class with "
							+ "@WebSocketMapping: the path on the class is then the prefix of their routes.");
		}
		List<WebSocketRoute> routes = new ArrayList<>();
		methods.forEach((method, mapping) -> {
			Method invocable = MethodIntrospector.selectInvocableMethod(method, beanType);
			HandlerMethod handlerMethod = new HandlerMethod(beanName, context.getAutowireCapableBeanFactory(), invocable);
			PathPattern pattern = this.patternParser.parse(this.patternParser.initFullPathPattern(prefix + mapping.path()));
			WebSocketRoute route = new WebSocketRoute(pattern,
					new InvocableWebSocketHandlerMethod(handlerMethod, this.argumentResolver, this.validator));
			assertPathVariablesInTemplate(route);
			routes.add(route);
		});
		return routes;
	}

	private WebSocketRoute endpointRoute(String beanName, Class<?> endpointType, ApplicationContext context) {
		String name = ClassUtils.getShortName(endpointType);
		WebSocketMapping mapping = AnnotatedElementUtils.findMergedAnnotation(endpointType, WebSocketMapping.class);
		if (mapping == null) {
			throw new InvalidHandlerMethodException(name + " is a WebSocketEndpoint, but its class has no "
					+ "@WebSocketMapping, so it serves no route.", "Annotate " + name + " with @WebSocketMapping "
							+ "and the path of its route, such as @WebSocketMapping(\"/ws\").");
		}
		Set<Method> mappedMethods = MethodIntrospector.selectMethods(endpointType,
				(ReflectionUtils.MethodFilter) (method) -> AnnotatedElementUtils.hasAnnotation(method,
						WebSocketMapping.class));
		if (!mappedMethods.isEmpty()) {
			throw new InvalidHandlerMethodException(name + " is a WebSocketEndpoint, which serves the route of its "
					+ "class, but also has @WebSocketMapping methods: " + mappedMethods.stream()
						.map(Method::getName)
						.sorted()
						.toList() + ".", "Move the @WebSocketMapping methods to a @WebSocketController of their "
								+ "own; an endpoint's route is the @WebSocketMapping of its class.");
		}
		Method connectMethod = WebSocketEndpointIntrospector.connectMethod(endpointType);
		// the encoding is the instance's: resolve a singleton now, as Spring's URL handler mappings do
		if (context.isSingleton(beanName) && !context.containsBean(ScopedProxyUtils.getTargetBeanName(beanName))) {
			WebSocketEndpointIntrospector.assertDecodable(context.getBean(beanName, WebSocketEndpoint.class));
		}
		HandlerMethod handlerMethod = new HandlerMethod(beanName, context.getAutowireCapableBeanFactory(),
				MethodIntrospector.selectInvocableMethod(connectMethod, endpointType));
		PathPattern pattern = this.patternParser.parse(this.patternParser.initFullPathPattern(mapping.path()));
		WebSocketRoute route = new WebSocketRoute(pattern,
				new WebSocketEndpointHandlerMethod(handlerMethod, this.argumentResolver, this.validator));
		assertPathVariablesInTemplate(route);
		return route;
	}

	private static void assertUnambiguous(List<WebSocketRoute> routes) {
		Map<String, WebSocketRoute> byShape = new HashMap<>();
		for (WebSocketRoute route : routes) {
			WebSocketRoute existing = byShape.putIfAbsent(shapeOf(route.pattern()), route);
			if (existing != null) {
				throw new InvalidHandlerMethodException("Ambiguous WebSocket routes: '"
						+ existing.pattern().getPatternString() + "' of " + existing.handler().describe() + " and '"
						+ route.pattern().getPatternString() + "' of " + route.handler().describe()
						+ " match the same paths.", "Give one of the two routes a path of its own.");
			}
		}
	}

	private static void assertPathVariablesInTemplate(WebSocketRoute route) {
		String template = route.pattern().getPatternString();
		List<String> variables = new ArrayList<>();
		Matcher matcher = TEMPLATE_VARIABLE.matcher(template);
		while (matcher.find()) {
			variables.add(matcher.group(1));
		}
		for (BindingLocation location : route.handler().getBindingLocations()) {
			if (location.source() == BindingSource.PATH && !variables.contains(location.name())) {
				throw new InvalidHandlerMethodException("Path variable '" + location.name() + "' of "
						+ route.handler().describe() + " is not in its route '" + template + "', whose variables are "
						+ variables + ".", pathVariableAction(location.name(), variables));
			}
		}
	}

	private static String pathVariableAction(String name, List<String> variables) {
		String closest = variables.stream()
			.min(Comparator.comparingInt((variable) -> distance(name, variable)))
			.filter((variable) -> distance(name, variable) <= Math.max(2, name.length() / 3))
			.orElse(null);
		return ((closest != null) ? "Did you mean '" + closest + "'? " : "")
				+ "Name the parameter or its @PathVariable after a variable of the route, or add {" + name
				+ "} to the route.";
	}

	private static int distance(String first, String second) {
		int[] previous = IntStream.rangeClosed(0, second.length()).toArray();
		for (int i = 1; i <= first.length(); i++) {
			int[] current = new int[second.length() + 1];
			current[0] = i;
			for (int j = 1; j <= second.length(); j++) {
				int substitution = previous[j - 1] + ((first.charAt(i - 1) == second.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			previous = current;
		}
		return previous[second.length()];
	}

	private static String shapeOf(PathPattern pattern) {
		return pattern.getPatternString().replaceAll("\\{\\*[^}]*}", "{*}").replaceAll("\\{[^}:*]+(:|})", "{$1");
	}

}
