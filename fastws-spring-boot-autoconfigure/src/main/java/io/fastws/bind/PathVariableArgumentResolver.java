package io.fastws.bind;

import java.util.List;

import io.fastws.WebSocket;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Binds {@link PathVariable @PathVariable} parameters to the variables of the matched route.
 */
public class PathVariableArgumentResolver extends AbstractNamedValueArgumentResolver {

	/**
	 * Create a resolver that converts values with the given service.
	 * @param conversionService the conversion service
	 * @param beanFactory the bean factory that resolves placeholders and expressions in names, or
	 * {@code null} to take them as they are
	 */
	public PathVariableArgumentResolver(ConversionService conversionService,
			@Nullable ConfigurableBeanFactory beanFactory) {
		super(conversionService, beanFactory);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.hasParameterAnnotation(PathVariable.class);
	}

	@Override
	public BindingSource getSource() {
		return BindingSource.PATH;
	}

	@Override
	protected NamedValueInfo createNamedValueInfo(MethodParameter parameter) {
		PathVariable annotation = parameter.getParameterAnnotation(PathVariable.class);
		return new NamedValueInfo(annotation.name(), annotation.required(), null);
	}

	@Override
	protected List<String> resolveValues(String name, WebSocket webSocket) {
		String value = webSocket.pathParams().get(name);
		return (value != null) ? List.of(value) : List.of();
	}

}
