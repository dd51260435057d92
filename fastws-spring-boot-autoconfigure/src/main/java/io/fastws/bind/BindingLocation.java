package io.fastws.bind;

/**
 * Where binding errors report a parameter: the source of its value and its name there, such as the query
 * parameter {@code q}.
 *
 * @param source the source of the value
 * @param name the name of the value in its source, or the parameter's name for {@link BindingSource#PARAMETER}
 */
public record BindingLocation(BindingSource source, String name) {

}
