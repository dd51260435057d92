package io.fastws.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a bean whose {@link WebSocketMapping @WebSocketMapping} methods handle WebSocket connections, one
 * call per connection, or a {@link io.fastws.WebSocketEndpoint} whose class has a
 * {@code @WebSocketMapping}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface WebSocketController {

	/**
	 * The name of the bean, as for {@link Component#value()}.
	 * @return the bean name, empty for a generated one
	 */
	@AliasFor(annotation = Component.class)
	String value() default "";

}
