package io.fastws.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Maps a WebSocket route to a handler method of a {@link WebSocketController}; on the class, it gives the
 * routes of all its methods a common prefix, except on a {@link io.fastws.WebSocketEndpoint} class, whose
 * route it is.
 *
 * <p>The path is a Spring {@link org.springframework.web.util.pattern.PathPattern}, such as
 * {@code /items/{itemId}/ws}. The handler method runs on its own thread for the whole connection.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WebSocketMapping {

	/**
	 * Alias for {@link #path()}.
	 * @return the route path
	 */
	@AliasFor("path")
	String value() default "";

	/**
	 * The route path, a {@link org.springframework.web.util.pattern.PathPattern}.
	 * @return the route path
	 */
	@AliasFor("value")
	String path() default "";

}
