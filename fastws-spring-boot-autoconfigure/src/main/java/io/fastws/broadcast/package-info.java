/**
 * Broadcasting to many connections: channels in memory or through Redis, and connection groups.
 */
@NullMarked
package io.fastws.broadcast;

import org.jspecify.annotations.NullMarked;
