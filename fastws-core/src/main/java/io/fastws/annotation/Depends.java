package io.fastws.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter to what a provider returns: FastAPI's {@code Depends}.
 *
 * <p>The provider is a method of the bean of type {@link #value()}: the one named {@link #method()}, or
 * else the single public method the class declares. Its own parameters are bound by the same rules as a
 * handler's, {@code @Depends} included, before the handler runs. It may throw
 * {@link io.fastws.WebSocketException} to reject the connection. By default it is called once per
 * connection, however many parameters depend on it; a result that is {@link AutoCloseable} is closed after
 * the handler returns.
 */
@Target({ ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Depends {

	/**
	 * The type of the bean that provides the value.
	 * @return the provider bean type
	 */
	Class<?> value();

	/**
	 * The name of the provider method; empty for the single public method of {@link #value()}.
	 * @return the provider method name
	 */
	String method() default "";

	/**
	 * Whether one result serves every parameter of a connection that depends on the same provider; when
	 * {@code false}, the provider is called for this parameter alone.
	 * @return whether to use the per-connection cache
	 */
	boolean useCache() default true;

}
