/**
 * What fastws tells a metrics and tracing system: the Micrometer observations of handshakes and connections,
 * with their contexts and conventions, and the recording of messages.
 */
@NullMarked
package io.fastws.server.observation;

import org.jspecify.annotations.NullMarked;
