/**
 * Annotations for WebSocket controllers: routes and FastAPI-style dependencies.
 */
@NullMarked
package io.fastws.annotation;

import org.jspecify.annotations.NullMarked;
