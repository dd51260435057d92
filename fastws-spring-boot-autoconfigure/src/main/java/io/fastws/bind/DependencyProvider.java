package io.fastws.bind;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import io.fastws.WebSocket;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;

/**
 * A provider method of a {@link io.fastws.annotation.Depends @Depends} parameter: a method of a bean whose
 * own parameters are bound like a handler's.
 */
final class DependencyProvider {

	private final BeanFactory beanFactory;

	private final Class<?> beanType;

	private final MethodArgumentBinder binder;

	DependencyProvider(BeanFactory beanFactory, Class<?> beanType, Method method,
			WebSocketArgumentResolverComposite resolver, WebSocketParameterValidator validator) {
		this.beanFactory = beanFactory;
		this.beanType = beanType;
		this.binder = new MethodArgumentBinder(beanType, method, resolver, validator);
	}

	/**
	 * Find the provider method of the given bean type.
	 * @param beanType the provider bean type
	 * @param name the method name, or empty for the single public method the type declares
	 * @return the method
	 * @throws IllegalStateException if there is no such method, or more than one
	 */
	static Method findMethod(Class<?> beanType, String name) {
		List<Method> candidates = Arrays.stream(ClassUtils.getUserClass(beanType).getDeclaredMethods())
			.filter((method) -> Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers()))
			.filter((method) -> !method.isSynthetic() && !method.isBridge())
			.filter((method) -> name.isEmpty() || method.getName().equals(name))
			.toList();
		if (candidates.size() != 1) {
			String what = name.isEmpty() ? "a single public method" : "a single public method named '" + name + "'";
			throw new IllegalStateException("@Depends(" + beanType.getSimpleName() + ".class) needs " + what
					+ ", but " + beanType.getName() + " has " + candidates.size()
					+ (name.isEmpty() ? ": name the provider with @Depends(method = ...)" : ""));
		}
		return candidates.get(0);
	}

	Class<?> returnType() {
		return this.binder.method().getReturnType();
	}

	String description() {
		return this.binder.description();
	}

	Object provide(WebSocket webSocket, DependencyScope scope) throws Exception {
		Object bean = this.beanFactory.getBean(this.beanType);
		return this.binder.invoke(bean, this.binder.bind(bean, webSocket, scope));
	}

}
