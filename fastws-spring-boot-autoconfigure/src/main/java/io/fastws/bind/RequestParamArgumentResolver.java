package io.fastws.bind;

import java.util.List;

import io.fastws.WebSocket;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;

/**
 * Binds {@link RequestParam @RequestParam} parameters to query parameters; a {@code List} or array receives
 * every value of a repeated key.
 *
 * <p>With default resolution, as the last resolver of a chain, it also binds the parameters of simple types
 * that no other resolver took, such as {@code @Min(1) int count}, as optional query parameters, as Spring
 * MVC does.
 */
public class RequestParamArgumentResolver extends AbstractNamedValueArgumentResolver {

	private final boolean useDefaultResolution;

	/**
	 * Create a resolver that converts values with the given service.
	 * @param conversionService the conversion service
	 * @param beanFactory the bean factory that resolves placeholders and expressions in names and default
	 * values, or {@code null} to take them as they are
	 * @param useDefaultResolution whether unannotated parameters of simple types are bound too
	 */
	public RequestParamArgumentResolver(ConversionService conversionService,
			@Nullable ConfigurableBeanFactory beanFactory, boolean useDefaultResolution) {
		super(conversionService, beanFactory);
		this.useDefaultResolution = useDefaultResolution;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		if (parameter.hasParameterAnnotation(RequestParam.class)) {
			return true;
		}
		return this.useDefaultResolution
				&& BeanUtils.isSimpleProperty(parameter.nestedIfOptional().getNestedParameterType());
	}

	@Override
	public BindingSource getSource() {
		return BindingSource.QUERY;
	}

	@Override
	protected NamedValueInfo createNamedValueInfo(MethodParameter parameter) {
		RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
		if (annotation == null) {
			return new NamedValueInfo("", false, ValueConstants.DEFAULT_NONE);
		}
		return new NamedValueInfo(annotation.name(), annotation.required(), annotation.defaultValue());
	}

	/**
	 * Return the last value of a repeated query parameter, as FastAPI binds it.
	 */
	@Override
	protected String selectSingleValue(List<String> values) {
		return values.get(values.size() - 1);
	}

	@Override
	protected List<String> resolveValues(String name, WebSocket webSocket) {
		List<String> values = webSocket.queryParams().get(name);
		return (values != null) ? values : List.of();
	}

}
