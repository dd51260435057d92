package io.fastws.bind;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import io.fastws.WebSocket;
import io.fastws.annotation.Depends;

import org.springframework.core.BridgeMethodResolver;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.SynthesizingMethodParameter;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Binds the arguments of one handler or provider method for a connection and calls it.
 *
 * <p>Every parameter is checked at start-up. For a connection, {@link Depends @Depends} parameters are
 * bound first, as FastAPI solves dependencies first, then the others; all are bound before any error is
 * reported, then validated, so that an {@link ArgumentBindingException} lists every problem; any other
 * exception from a resolver, such as a {@link io.fastws.WebSocketException}, stops binding at once.
 */
final class MethodArgumentBinder {

	private static final ParameterNameDiscoverer parameterNameDiscoverer = new DefaultParameterNameDiscoverer();

	private static final String UNSUPPORTED_TYPE_ACTION = "Declare the parameter as one fastws binds: the "
			+ "WebSocket, HandshakeRequest, HttpHeaders, Principal, a simple type from the query, or one annotated "
			+ "with @PathVariable, @RequestParam, @RequestHeader, @CookieValue or @Depends; or declare a "
			+ "WebSocketArgumentResolver bean that supports it.";

	private static final String MISSING_PARAMETER_NAMES_ACTION = "Compile with the -parameters flag "
			+ "(Maven: <parameters>true</parameters> in the maven-compiler-plugin configuration, which "
			+ "spring-boot-starter-parent sets; Gradle: options.compilerArgs.add(\"-parameters\") in "
			+ "tasks.withType(JavaCompile)), or name the value in its annotation, such as @PathVariable(\"id\").";

	private final Method method;

	private final MethodParameter[] parameters;

	private final int[] bindingOrder;

	private final WebSocketArgumentResolverComposite resolver;

	private final WebSocketParameterValidator validator;

	private final String description;

	MethodArgumentBinder(Class<?> beanType, Method method, WebSocketArgumentResolverComposite resolver,
			WebSocketParameterValidator validator) {
		this.method = BridgeMethodResolver.findBridgedMethod(method);
		this.resolver = resolver;
		this.validator = validator;
		this.description = describe(beanType, this.method);
		this.parameters = new MethodParameter[this.method.getParameterCount()];
		for (int i = 0; i < this.parameters.length; i++) {
			MethodParameter parameter = new SynthesizingMethodParameter(this.method, i).withContainingClass(beanType);
			parameter.initParameterNameDiscovery(parameterNameDiscoverer);
			if (!resolver.supportsParameter(parameter)) {
				throw new InvalidHandlerMethodException("Parameter '" + parameter.getParameterName() + "' of type "
						+ parameter.getGenericParameterType().getTypeName() + " in " + this.description
						+ " cannot be bound: no WebSocketArgumentResolver supports it.", UNSUPPORTED_TYPE_ACTION);
			}
			assertNamed(parameter, resolver);
			this.parameters[i] = parameter;
		}
		this.bindingOrder = IntStream.concat(
				IntStream.range(0, this.parameters.length).filter((i) -> isDependency(this.parameters[i])),
				IntStream.range(0, this.parameters.length).filter((i) -> !isDependency(this.parameters[i])))
			.toArray();
		ReflectionUtils.makeAccessible(this.method);
	}

	private void assertNamed(MethodParameter parameter, WebSocketArgumentResolverComposite resolver) {
		try {
			resolver.describe(parameter);
		}
		catch (IllegalStateException ex) {
			throw new InvalidHandlerMethodException("Parameter " + parameter.getParameterIndex() + " of "
					+ this.description + " is bound by its name, but the class was compiled without parameter "
					+ "names.", MISSING_PARAMETER_NAMES_ACTION, ex);
		}
	}

	private static boolean isDependency(MethodParameter parameter) {
		return parameter.hasParameterAnnotation(Depends.class);
	}

	String description() {
		return this.description;
	}

	List<BindingLocation> bindingLocations() {
		return Arrays.stream(this.parameters).map(this.resolver::describe).toList();
	}

	Method method() {
		return this.method;
	}

	MethodParameter[] parameters() {
		return this.parameters.clone();
	}

	Object[] bind(Object bean, WebSocket webSocket, DependencyScope scope) throws Exception {
		Object[] arguments = new Object[this.parameters.length];
		List<BindingError> errors = new ArrayList<>();
		Set<Integer> failed = new HashSet<>();
		for (int i : this.bindingOrder) {
			try {
				arguments[i] = this.resolver.resolveArgument(this.parameters[i], webSocket, scope);
			}
			catch (ArgumentBindingException ex) {
				errors.addAll(ex.getErrors());
				failed.add(i);
			}
		}
		if (this.validator != null) {
			errors.addAll(this.validator.validate(bean, this.method, arguments, failed,
					(index) -> this.resolver.describe(this.parameters[index])));
		}
		if (!errors.isEmpty()) {
			throw new ArgumentBindingException(errors);
		}
		return arguments;
	}

	Object invoke(Object bean, Object[] arguments) throws Exception {
		try {
			return this.method.invoke(bean, arguments);
		}
		catch (InvocationTargetException ex) {
			Throwable target = ex.getTargetException();
			if (target instanceof Exception exception) {
				throw exception;
			}
			if (target instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(target);
		}
	}

	private static String describe(Class<?> beanType, Method method) {
		StringBuilder description = new StringBuilder(ClassUtils.getShortName(beanType)).append('#')
			.append(method.getName())
			.append('(');
		Class<?>[] types = method.getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			description.append((i > 0) ? ", " : "").append(types[i].getSimpleName());
		}
		return description.append(')').toString();
	}

}
