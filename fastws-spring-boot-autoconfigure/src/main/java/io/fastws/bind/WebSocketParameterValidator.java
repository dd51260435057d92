package io.fastws.bind;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.executable.ExecutableValidator;

/**
 * Checks the Bean Validation constraints on bound handler and provider parameters, such as {@code @Min}
 * or {@code @Pattern}, and turns each violation into a {@link BindingError}.
 */
public class WebSocketParameterValidator {

	private final ExecutableValidator validator;

	/**
	 * Create a validator backed by the given Bean Validation validator.
	 * @param validator the validator
	 */
	public WebSocketParameterValidator(Validator validator) {
		this.validator = validator.forExecutables();
	}

	/**
	 * Validate the arguments of a method.
	 * @param bean the bean the method belongs to
	 * @param method the method
	 * @param arguments the bound arguments
	 * @param skipped the indexes of parameters that failed to bind, whose violations are not reported
	 * @param locations where binding errors report the parameter at an index
	 * @return the errors, empty when every constraint holds
	 */
	public List<BindingError> validate(Object bean, Method method, Object[] arguments, Set<Integer> skipped,
			IntFunction<BindingLocation> locations) {
		Set<ConstraintViolation<Object>> violations = this.validator.validateParameters(bean, method, arguments);
		Map<Integer, List<BindingError>> byParameter = new TreeMap<>();
		for (ConstraintViolation<Object> violation : violations) {
			int index = parameterIndex(violation.getPropertyPath());
			if (index >= 0 && !skipped.contains(index)) {
				BindingLocation location = locations.apply(index);
				byParameter.computeIfAbsent(index, (key) -> new ArrayList<>())
					.add(new BindingError(BindingError.Type.VALIDATION, location.source(), location.name(),
							violation.getMessage(), violation.getInvalidValue()));
			}
		}
		return byParameter.values().stream().flatMap(List::stream).toList();
	}

	private static int parameterIndex(Path path) {
		for (Path.Node node : path) {
			if (node.getKind() == ElementKind.PARAMETER) {
				return node.as(Path.ParameterNode.class).getParameterIndex();
			}
		}
		return -1;
	}

}
