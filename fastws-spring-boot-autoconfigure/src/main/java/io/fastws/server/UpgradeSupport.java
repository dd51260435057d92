package io.fastws.server;

import tools.jackson.databind.json.JsonMapper;

/**
 * What every upgrade of one handler mapping shares.
 *
 * @param container the servlet container's support
 * @param executor the executor that runs each connection's handler
 * @param jsonMapper the mapper for JSON messages and rejection bodies
 * @param settings the limits every connection is held to
 * @param connections the connections being served
 * @param observer what records handshakes and connections: access log, observations, metrics
 */
record UpgradeSupport(WebSocketContainer container, WebSocketHandlerExecutor executor, JsonMapper jsonMapper,
		ConnectionSettings settings, WebSocketConnections connections, ConnectionObserver observer) {

}
