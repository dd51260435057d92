package io.fastws.bind;

import io.fastws.WebSocket;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.MethodParameter;

/**
 * Binds an unannotated parameter whose type is a Spring bean to that bean.
 */
public class BeanArgumentResolver implements WebSocketArgumentResolver {

	private final ListableBeanFactory beanFactory;

	/**
	 * Create a resolver for the beans of the given factory.
	 * @param beanFactory the bean factory
	 */
	public BeanArgumentResolver(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterAnnotations().length == 0
				&& this.beanFactory.getBeanNamesForType(parameter.getParameterType(), true, false).length > 0;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, WebSocket webSocket) {
		return this.beanFactory.getBeanProvider(parameter.getParameterType()).getObject();
	}

}
