package io.fastws.bind;

import java.util.List;

import io.fastws.WebSocket;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.web.bind.annotation.CookieValue;

/**
 * Binds {@link CookieValue @CookieValue} parameters to cookies of the upgrade request.
 */
public class CookieValueArgumentResolver extends AbstractNamedValueArgumentResolver {

	/**
	 * Create a resolver that converts values with the given service.
	 * @param conversionService the conversion service
	 * @param beanFactory the bean factory that resolves placeholders and expressions in names and default
	 * values, or {@code null} to take them as they are
	 */
	public CookieValueArgumentResolver(ConversionService conversionService,
			@Nullable ConfigurableBeanFactory beanFactory) {
		super(conversionService, beanFactory);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.hasParameterAnnotation(CookieValue.class);
	}

	@Override
	public BindingSource getSource() {
		return BindingSource.COOKIE;
	}

	@Override
	protected NamedValueInfo createNamedValueInfo(MethodParameter parameter) {
		CookieValue annotation = parameter.getParameterAnnotation(CookieValue.class);
		return new NamedValueInfo(annotation.name(), annotation.required(), annotation.defaultValue());
	}

	@Override
	protected List<String> resolveValues(String name, WebSocket webSocket) {
		String value = webSocket.cookies().get(name);
		return (value != null) ? List.of(value) : List.of();
	}

}
