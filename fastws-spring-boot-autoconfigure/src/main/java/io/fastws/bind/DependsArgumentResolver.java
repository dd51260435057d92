package io.fastws.bind;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.fastws.WebSocket;
import io.fastws.annotation.Depends;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.MethodParameter;
import org.springframework.util.ClassUtils;

/**
 * Binds {@link Depends @Depends} parameters to what their provider returns, calling each provider once per
 * connection unless a parameter opts out of the cache.
 *
 * <p>Providers are checked at start-up: the bean must exist, its provider method must be unambiguous and
 * return a type the parameter accepts, its own parameters must be bindable, and providers must not depend
 * on each other in a cycle.
 */
public class DependsArgumentResolver implements WebSocketArgumentResolver {

	private final ListableBeanFactory beanFactory;

	private final @Nullable WebSocketParameterValidator validator;

	private final Map<Method, DependencyProvider> providers = new ConcurrentHashMap<>();

	private final Deque<Method> resolving = new ArrayDeque<>();

	private final WebSocketArgumentResolverComposite resolver;

	/**
	 * Create a resolver for providers among the beans of the given factory.
	 * @param beanFactory the bean factory
	 * @param validator the validator for provider parameters, or {@code null} for none
	 * @param resolver the resolvers that bind the providers' own parameters, normally the chain this
	 * resolver is added to
	 */
	public DependsArgumentResolver(ListableBeanFactory beanFactory, @Nullable WebSocketParameterValidator validator,
			WebSocketArgumentResolverComposite resolver) {
		this.beanFactory = beanFactory;
		this.validator = validator;
		this.resolver = resolver;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		Depends depends = parameter.getParameterAnnotation(Depends.class);
		if (depends == null) {
			return false;
		}
		DependencyProvider provider = provider(depends);
		Class<?> target = parameter.nestedIfOptional().getNestedParameterType();
		if (!ClassUtils.isAssignable(target, provider.returnType())) {
			throw new IllegalStateException("@Depends provider " + provider.description() + " returns "
					+ provider.returnType().getSimpleName() + ", which parameter '" + parameter.getParameterName()
					+ "' of type " + target.getSimpleName() + " cannot take");
		}
		return true;
	}

	/**
	 * Not supported: a provider's result belongs to its connection's {@link DependencyScope}, so
	 * {@code @Depends} parameters are bound through {@link #resolveArgument(MethodParameter, WebSocket,
	 * DependencyScope)}.
	 * @throws UnsupportedOperationException always
	 */
	@Override
	public Object resolveArgument(MethodParameter parameter, WebSocket webSocket) {
		throw new UnsupportedOperationException("@Depends parameters are bound with their connection's DependencyScope");
	}

	/**
	 * Bind the parameter to its provider's result for the connection, calling the provider unless the
	 * scope has its result already.
	 * @param parameter the {@code @Depends} parameter
	 * @param webSocket the connection, still CONNECTING
	 * @param scope the connection's dependency scope
	 * @return the provider's result
	 * @throws Exception what the provider threw
	 */
	Object resolveArgument(MethodParameter parameter, WebSocket webSocket, DependencyScope scope) throws Exception {
		Depends depends = parameter.getParameterAnnotation(Depends.class);
		DependencyProvider provider = provider(depends);
		Object result;
		if (depends.useCache()) {
			result = scope.cached(provider, () -> provided(provider, webSocket, scope));
		}
		else {
			result = provided(provider, webSocket, scope);
		}
		return (parameter.getParameterType() == Optional.class) ? Optional.ofNullable(result) : result;
	}

	private static Object provided(DependencyProvider provider, WebSocket webSocket, DependencyScope scope)
			throws Exception {
		Object result = provider.provide(webSocket, scope);
		scope.closeWhenDone(result);
		return result;
	}

	private DependencyProvider provider(Depends depends) {
		Method method = DependencyProvider.findMethod(depends.value(), depends.method());
		DependencyProvider provider = this.providers.get(method);
		if (provider != null) {
			return provider;
		}
		synchronized (this.resolving) {
			if (this.resolving.contains(method)) {
				throw new IllegalStateException("Dependency cycle: " + cycle(method));
			}
			if (this.beanFactory.getBeanNamesForType(depends.value(), true, false).length == 0) {
				throw new IllegalStateException("@Depends(" + depends.value().getSimpleName()
						+ ".class) needs a bean of that type: declare it with @Component or @Bean");
			}
			this.resolving.push(method);
			try {
				provider = new DependencyProvider(this.beanFactory, depends.value(), method, this.resolver,
						this.validator);
			}
			finally {
				this.resolving.pop();
			}
			this.providers.put(method, provider);
			return provider;
		}
	}

	private String cycle(Method repeated) {
		Deque<Method> path = new ArrayDeque<>();
		for (Method method : this.resolving) {
			path.push(method);
			if (method.equals(repeated)) {
				break;
			}
		}
		path.addLast(repeated);
		return path.stream()
			.map((method) -> method.getDeclaringClass().getSimpleName() + "#" + method.getName())
			.collect(Collectors.joining(" -> "));
	}

}
