package io.fastws.bind;

import java.util.List;

import io.fastws.WebSocket;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * Binds {@link RequestHeader @RequestHeader} parameters to headers of the upgrade request, looked up
 * without regard to case; a {@code List} receives every value.
 */
public class RequestHeaderArgumentResolver extends AbstractNamedValueArgumentResolver {

	/**
	 * Create a resolver that converts values with the given service.
	 * @param conversionService the conversion service
	 * @param beanFactory the bean factory that resolves placeholders and expressions in names and default
	 * values, or {@code null} to take them as they are
	 */
	public RequestHeaderArgumentResolver(ConversionService conversionService,
			@Nullable ConfigurableBeanFactory beanFactory) {
		super(conversionService, beanFactory);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.hasParameterAnnotation(RequestHeader.class)
				&& !HttpHeaders.class.isAssignableFrom(parameter.getParameterType());
	}

	@Override
	public BindingSource getSource() {
		return BindingSource.HEADER;
	}

	@Override
	protected NamedValueInfo createNamedValueInfo(MethodParameter parameter) {
		RequestHeader annotation = parameter.getParameterAnnotation(RequestHeader.class);
		return new NamedValueInfo(annotation.name(), annotation.required(), annotation.defaultValue());
	}

	@Override
	protected List<String> resolveValues(String name, WebSocket webSocket) {
		return webSocket.headers().getOrEmpty(name);
	}

}
