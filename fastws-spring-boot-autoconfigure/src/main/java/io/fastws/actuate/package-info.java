/**
 * Actuator support for fastws: the {@code websockets} endpoint and the health of the Redis broadcast
 * backend.
 */
@NullMarked
package io.fastws.actuate;

import org.jspecify.annotations.NullMarked;
