package io.fastws.bind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fastws.WebSocket;

import org.springframework.core.MethodParameter;

/**
 * Binds handler method parameters by delegating to a list of {@link WebSocketArgumentResolver resolvers},
 * the first that supports a parameter winning; the choice is cached per parameter.
 */
public class WebSocketArgumentResolverComposite implements WebSocketArgumentResolver {

	private final List<WebSocketArgumentResolver> resolvers = new ArrayList<>();

	private final Map<MethodParameter, WebSocketArgumentResolver> cache = new ConcurrentHashMap<>();

	/**
	 * Create an empty composite; {@linkplain #addResolver(WebSocketArgumentResolver) add} its resolvers
	 * before it binds any parameter.
	 */
	public WebSocketArgumentResolverComposite() {
	}

	/**
	 * Add a resolver, consulted after those added before it.
	 * @param resolver the resolver
	 * @return this composite
	 */
	public WebSocketArgumentResolverComposite addResolver(WebSocketArgumentResolver resolver) {
		this.resolvers.add(resolver);
		return this;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return findResolver(parameter) != null;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, WebSocket webSocket) throws Exception {
		WebSocketArgumentResolver resolver = findResolver(parameter);
		if (resolver == null) {
			throw new IllegalStateException("No resolver for " + parameter);
		}
		return resolver.resolveArgument(parameter, webSocket);
	}

	/**
	 * Bind a parameter for a connection, {@link io.fastws.annotation.Depends @Depends} parameters within the
	 * connection's dependency scope.
	 * @param parameter a supported parameter
	 * @param webSocket the connection, still CONNECTING
	 * @param scope the connection's dependency scope
	 * @return the argument, possibly {@code null}
	 * @throws Exception if the argument cannot be bound
	 */
	Object resolveArgument(MethodParameter parameter, WebSocket webSocket, DependencyScope scope) throws Exception {
		WebSocketArgumentResolver resolver = findResolver(parameter);
		if (resolver instanceof DependsArgumentResolver dependsResolver) {
			return dependsResolver.resolveArgument(parameter, webSocket, scope);
		}
		return resolveArgument(parameter, webSocket);
	}

	/**
	 * Return where binding errors report the given parameter, such as the query parameter {@code q}.
	 * @param parameter a parameter this composite supports
	 * @return the source and the name
	 */
	public BindingLocation describe(MethodParameter parameter) {
		if (findResolver(parameter) instanceof AbstractNamedValueArgumentResolver namedValueResolver) {
			return new BindingLocation(namedValueResolver.getSource(), namedValueResolver.getName(parameter));
		}
		return new BindingLocation(BindingSource.PARAMETER, parameter.getParameterName());
	}

	private WebSocketArgumentResolver findResolver(MethodParameter parameter) {
		WebSocketArgumentResolver cached = this.cache.get(parameter);
		if (cached != null) {
			return cached;
		}
		for (WebSocketArgumentResolver resolver : this.resolvers) {
			if (resolver.supportsParameter(parameter)) {
				this.cache.put(parameter, resolver);
				return resolver;
			}
		}
		return null;
	}

}
