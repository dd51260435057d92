package io.fastws.server;

import java.io.IOException;
import java.security.Principal;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee11.websocket.server.JettyWebSocketCreator;
import org.eclipse.jetty.ee11.websocket.server.JettyWebSocketServerContainer;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.util.Assert;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.RequestUpgradeStrategy;

/**
 * Upgrades a request through Jetty's own WebSocket container, with a {@link JettySessionListener} that reads
 * by demand and takes messages in parts, which Spring's Jetty strategy does not.
 *
 * <p>Extensions are Jetty's to negotiate: it accepts permessage-deflate when the request offers it, which
 * fastws lets it see only when {@code fastws.compression} is on.
 */
final class JettyUpgradeStrategy implements RequestUpgradeStrategy {

	private static final String[] SUPPORTED_VERSIONS = { "13" };

	@Override
	public String[] getSupportedVersions() {
		return SUPPORTED_VERSIONS;
	}

	@Override
	public List<WebSocketExtension> getSupportedExtensions(ServerHttpRequest request) {
		return Collections.emptyList();
	}

	@Override
	public void upgrade(ServerHttpRequest request, ServerHttpResponse response, @Nullable String selectedProtocol,
			List<WebSocketExtension> selectedExtensions, @Nullable Principal user, WebSocketHandler handler,
			Map<String, Object> attributes) throws HandshakeFailureException {
		HttpServletRequest servletRequest = ((ServletServerHttpRequest) request).getServletRequest();
		HttpServletResponse servletResponse = ((ServletServerHttpResponse) response).getServletResponse();
		JettyWebSocketServerContainer container = JettyWebSocketServerContainer
			.getContainer(servletRequest.getServletContext());
		Assert.state(container != null, "Jetty's WebSocket container is not set up in the servlet context");
		JettySessionListener listener = new JettySessionListener(handler, attributes, user);
		JettyWebSocketCreator creator = (upgradeRequest, upgradeResponse) -> {
			if (selectedProtocol != null) {
				upgradeResponse.setAcceptedSubProtocol(selectedProtocol);
			}
			return listener;
		};
		try {
			if (!container.upgrade(creator, servletRequest, servletResponse)) {
				throw new HandshakeFailureException("Jetty did not upgrade " + request.getURI());
			}
		}
		catch (IOException ex) {
			throw new HandshakeFailureException("Could not upgrade " + request.getURI(), ex);
		}
	}

}
