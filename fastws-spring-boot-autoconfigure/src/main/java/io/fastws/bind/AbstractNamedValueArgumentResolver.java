package io.fastws.bind;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.fastws.WebSocket;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanExpressionContext;
import org.springframework.beans.factory.config.BeanExpressionResolver;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.ValueConstants;

/**
 * Base class for resolvers of named values, such as query parameters or headers, after Spring's
 * {@code AbstractNamedValueMethodArgumentResolver}: the name defaults to the parameter's, a missing value
 * falls back to the default value, then to empty for {@link Optional} or non-required parameters, and the
 * value is converted to the parameter's type by a {@link ConversionService}.
 *
 * <p>With a {@link ConfigurableBeanFactory}, names and default values may hold {@code ${...}} placeholders
 * and {@code #{...}} SpEL expressions, resolved for each connection.
 *
 * <p>A missing required value or a value that cannot be converted throws an
 * {@link ArgumentBindingException} that names the source, the name and the rejected input.
 */
public abstract class AbstractNamedValueArgumentResolver implements WebSocketArgumentResolver {

	private final ConversionService conversionService;

	private final @Nullable ConfigurableBeanFactory configurableBeanFactory;

	private final @Nullable BeanExpressionContext expressionContext;

	private final Map<MethodParameter, NamedValueInfo> namedValueInfos = new ConcurrentHashMap<>();

	/**
	 * Create a resolver that converts values with the given service.
	 * @param conversionService the conversion service
	 * @param beanFactory the bean factory that resolves placeholders and expressions in names and default
	 * values, or {@code null} to take them as they are
	 */
	protected AbstractNamedValueArgumentResolver(ConversionService conversionService,
			@Nullable ConfigurableBeanFactory beanFactory) {
		this.conversionService = conversionService;
		this.configurableBeanFactory = beanFactory;
		this.expressionContext = (beanFactory != null) ? new BeanExpressionContext(beanFactory, null) : null;
	}

	/**
	 * Return the source of the values, as binding errors name it.
	 * @return the source
	 */
	public abstract BindingSource getSource();

	/**
	 * Create the name, required flag and default value for the given parameter from its annotation.
	 * @param parameter the parameter
	 * @return the named value info; an empty name means the parameter's own name
	 */
	protected abstract NamedValueInfo createNamedValueInfo(MethodParameter parameter);

	/**
	 * Return the values of the given name for a connection.
	 * @param name the name
	 * @param webSocket the connection
	 * @return the values, empty when there are none
	 */
	protected abstract List<String> resolveValues(String name, WebSocket webSocket);

	/**
	 * Return the value a single-valued parameter binds when the name has several: the first, as Starlette's
	 * headers give it.
	 * @param values the values, at least one
	 * @return the value to bind
	 */
	protected String selectSingleValue(List<String> values) {
		return values.get(0);
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, WebSocket webSocket) {
		NamedValueInfo info = getNamedValueInfo(parameter);
		String name = resolveName(info);
		MethodParameter target = parameter.nestedIfOptional();
		boolean multiValued = isMultiValued(target.getNestedParameterType());
		List<String> values = resolveValues(name, webSocket);
		Object input;
		if (!values.isEmpty()) {
			input = multiValued ? values : selectSingleValue(values);
		}
		else {
			input = (info.defaultValue() != null) ? resolveEmbeddedValuesAndExpressions(info.defaultValue()) : null;
			if (input != null && multiValued && !isMultiValued(input.getClass())) {
				input = List.of(input);
			}
		}
		if (input == null) {
			if ((info.required() && !parameter.isOptional()) || parameter.getParameterType().isPrimitive()) {
				throw new ArgumentBindingException(BindingError.missing(getSource(), name));
			}
			return emptyValue(parameter);
		}
		Object value = convert(input, target, name);
		if (value == null && info.required() && !parameter.isOptional()) {
			throw conversionError(input, target, name, null);
		}
		return (parameter.getParameterType() == Optional.class) ? Optional.ofNullable(value) : value;
	}

	private @Nullable Object convert(Object input, MethodParameter target, String name) {
		TypeDescriptor targetType = new TypeDescriptor(target);
		try {
			return this.conversionService.convert(input, TypeDescriptor.forObject(input), targetType);
		}
		catch (ConversionException ex) {
			throw conversionError(input, target, name, ex);
		}
	}

	private ArgumentBindingException conversionError(Object input, MethodParameter target, String name,
			@Nullable ConversionException cause) {
		Class<?> type = target.getNestedParameterType();
		String message = "'" + input + "' is not a valid "
				+ ClassUtils.getShortName(ClassUtils.resolvePrimitiveIfNecessary(type));
		if (type.isEnum()) {
			message += ": expected one of " + Arrays.toString(type.getEnumConstants());
		}
		Object rejected = (input instanceof List<?> list && list.size() == 1) ? list.get(0) : input;
		ArgumentBindingException exception = new ArgumentBindingException(
				new BindingError(BindingError.Type.CONVERSION, getSource(), name, message, rejected));
		if (cause != null) {
			exception.initCause(cause);
		}
		return exception;
	}

	private static @Nullable Object emptyValue(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		if (type == Optional.class) {
			return Optional.empty();
		}
		return null;
	}

	private static boolean isMultiValued(Class<?> type) {
		return Collection.class.isAssignableFrom(type) || type.isArray();
	}

	/**
	 * Return the name the given parameter is bound from, its placeholders and expressions resolved.
	 * @param parameter a supported parameter
	 * @return the name of its value
	 */
	public String getName(MethodParameter parameter) {
		return resolveName(getNamedValueInfo(parameter));
	}

	private String resolveName(NamedValueInfo info) {
		Object name = resolveEmbeddedValuesAndExpressions(info.name());
		if (name == null) {
			throw new IllegalArgumentException("Specified name must not resolve to null: [" + info.name() + "]");
		}
		return name.toString();
	}

	private @Nullable Object resolveEmbeddedValuesAndExpressions(String value) {
		if (this.configurableBeanFactory == null || this.expressionContext == null) {
			return value;
		}
		String placeholdersResolved = this.configurableBeanFactory.resolveEmbeddedValue(value);
		BeanExpressionResolver expressionResolver = this.configurableBeanFactory.getBeanExpressionResolver();
		if (expressionResolver == null) {
			return placeholdersResolved;
		}
		return expressionResolver.evaluate(placeholdersResolved, this.expressionContext);
	}

	private NamedValueInfo getNamedValueInfo(MethodParameter parameter) {
		return this.namedValueInfos.computeIfAbsent(parameter, (key) -> {
			NamedValueInfo info = createNamedValueInfo(key);
			String name = info.name();
			if (name.isEmpty()) {
				name = key.getParameterName();
				if (name == null) {
					throw new IllegalStateException("Name for the " + getSource().value() + " value of parameter "
							+ key.getParameterIndex() + " of " + key.getExecutable().toGenericString()
							+ " is not given, and the parameter name is not available: compile with -parameters");
				}
			}
			String defaultValue = ValueConstants.DEFAULT_NONE.equals(info.defaultValue()) ? null : info.defaultValue();
			return new NamedValueInfo(name, info.required() && defaultValue == null, defaultValue);
		});
	}

	/**
	 * The name, required flag and default value of a named value.
	 * @param name the name, empty for the parameter's own
	 * @param required whether a value must be present
	 * @param defaultValue the value when none is present, or {@code null} or {@link ValueConstants#DEFAULT_NONE}
	 * for none
	 */
	protected record NamedValueInfo(String name, boolean required, @Nullable String defaultValue) {

	}

}
