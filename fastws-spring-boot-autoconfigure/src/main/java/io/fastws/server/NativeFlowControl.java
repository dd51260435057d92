package io.fastws.server;

import jakarta.websocket.Session;
import org.apache.tomcat.websocket.WsSession;

import org.springframework.util.ClassUtils;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * {@link FlowControl} through Tomcat's {@link WsSession#suspend()} and {@link WsSession#resume()}.
 */
final class NativeFlowControl implements FlowControl {

	private static final boolean TOMCAT_PRESENT = ClassUtils.isPresent("org.apache.tomcat.websocket.WsSession",
			NativeFlowControl.class.getClassLoader());

	private final WsSession session;

	private NativeFlowControl(WsSession session) {
		this.session = session;
	}

	/**
	 * Return flow control for the given session, or {@code null} if its container cannot suspend reading.
	 * @param session the Spring session
	 * @return the flow control, or {@code null}
	 */
	static FlowControl of(WebSocketSession session) {
		if (TOMCAT_PRESENT && session instanceof NativeWebSocketSession nativeSession) {
			Session standard = nativeSession.getNativeSession(Session.class);
			if (standard instanceof WsSession wsSession) {
				return new NativeFlowControl(wsSession);
			}
		}
		return null;
	}

	@Override
	public void suspend() {
		this.session.suspend();
	}

	@Override
	public void resume() {
		this.session.resume();
	}

}
