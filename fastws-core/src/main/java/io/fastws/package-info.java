/**
 * The WebSocket type with Starlette's semantics: the connection, its states, messages, exceptions and close codes.
 */
@NullMarked
package io.fastws;

import org.jspecify.annotations.NullMarked;
