/**
 * Binding of handler and provider method arguments from the handshake request, beans and dependencies.
 */
@NullMarked
package io.fastws.bind;

import org.jspecify.annotations.NullMarked;
