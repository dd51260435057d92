/**
 * The server side: routes, the handler mapping, the handshake the handler decides, and the container beneath each connection.
 */
@NullMarked
package io.fastws.server;

import org.jspecify.annotations.NullMarked;
