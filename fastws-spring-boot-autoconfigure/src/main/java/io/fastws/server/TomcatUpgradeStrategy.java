package io.fastws.server;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;

/**
 * Spring's standard upgrade on Tomcat, without the copy of the request headers that it keeps in its session
 * for the life of the connection: fastws reads them from its own handshake request, so Spring's session gets
 * none, and an idle connection holds one copy fewer.
 */
final class TomcatUpgradeStrategy extends StandardWebSocketUpgradeStrategy {

	@Override
	public void upgrade(ServerHttpRequest request, ServerHttpResponse response, @Nullable String selectedProtocol,
			List<WebSocketExtension> selectedExtensions, @Nullable Principal user, WebSocketHandler handler,
			Map<String, Object> attributes) throws HandshakeFailureException {
		super.upgrade(new WithoutHeaders(getHttpServletRequest(request)), response, selectedProtocol,
				selectedExtensions, user, handler, attributes);
	}

	/**
	 * The upgrade request as Spring's session sees it: its addresses, and no headers.
	 */
	private static final class WithoutHeaders extends ServletServerHttpRequest {

		WithoutHeaders(HttpServletRequest servletRequest) {
			super(servletRequest);
		}

		@Override
		public HttpHeaders getHeaders() {
			return HttpHeaders.EMPTY;
		}

	}

}
