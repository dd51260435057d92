/**
 * Auto-configuration for fastws.
 */
@NullMarked
package io.fastws.autoconfigure;

import org.jspecify.annotations.NullMarked;
