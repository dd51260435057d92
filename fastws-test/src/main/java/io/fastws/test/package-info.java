/**
 * A WebSocket client for tests, as convenient as Starlette's TestClient.websocket_connect.
 */
@NullMarked
package io.fastws.test;

import org.jspecify.annotations.NullMarked;
