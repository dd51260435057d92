package io.fastws.server;

import java.time.Duration;

import jakarta.websocket.Session;
import org.apache.tomcat.websocket.WsWebSocketContainer;

import org.springframework.util.ClassUtils;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Applies {@code fastws.idle-timeout} to a session. On Tomcat, which checks idle sessions only every ten
 * seconds by default, it also makes the container check every second, so that the timeout is kept to
 * within a second.
 */
final class IdleTimeout {

	private static final boolean TOMCAT_PRESENT = ClassUtils.isPresent(
			"org.apache.tomcat.websocket.WsWebSocketContainer", IdleTimeout.class.getClassLoader());

	private IdleTimeout() {
	}

	static void apply(WebSocketSession session, Duration timeout) {
		if (timeout == null || !(session instanceof NativeWebSocketSession nativeSession)) {
			return;
		}
		Session standard = nativeSession.getNativeSession(Session.class);
		if (standard == null) {
			return;
		}
		standard.setMaxIdleTimeout(timeout.toMillis());
		if (TOMCAT_PRESENT && standard.getContainer() instanceof WsWebSocketContainer container
				&& container.getProcessPeriod() > 1) {
			container.setProcessPeriod(1);
		}
	}

}
