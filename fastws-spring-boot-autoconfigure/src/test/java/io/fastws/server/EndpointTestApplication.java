package io.fastws.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fastws.CloseCodes;
import io.fastws.FastWsTestApplication;
import io.fastws.WebSocket;
import io.fastws.WebSocketEndpoint;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Scope;

/**
 * A test application of class-based endpoints, one for each encoding, and endpoints that crash, reject,
 * choose a subprotocol or hold state per connection; each reports the close code its
 * {@code onDisconnect} gets.
 */
@FastWsTestApplication
@Import({ EndpointTestApplication.TextEcho.class, EndpointTestApplication.BytesEcho.class,
		EndpointTestApplication.JsonEcho.class, EndpointTestApplication.ChatEndpoint.class,
		EndpointTestApplication.UndecodedEndpoint.class, EndpointTestApplication.CrashingEndpoint.class,
		EndpointTestApplication.RejectingEndpoint.class, EndpointTestApplication.SubprotocolEndpoint.class,
		EndpointTestApplication.CountingEndpoint.class })
class EndpointTestApplication {

	@Bean
	Disconnects disconnects() {
		return new Disconnects();
	}

	/**
	 * The close codes the endpoints' {@code onDisconnect} got, as {@code "<route> <code>"}.
	 */
	static class Disconnects {

		final List<String> list = new CopyOnWriteArrayList<>();

	}

	/**
	 * A {@link WebSocketEndpoint} that reports what its {@code onDisconnect} gets.
	 * @param <T> the type of the messages it receives
	 */
	abstract static class ReportingEndpoint<T> extends WebSocketEndpoint<T> {

		private final Disconnects disconnects;

		ReportingEndpoint(Encoding encoding, Disconnects disconnects) {
			super(encoding);
			this.disconnects = disconnects;
		}

		@Override
		protected void onDisconnect(WebSocket webSocket, int closeCode) {
			this.disconnects.list.add(webSocket.url().getPath() + " " + closeCode);
		}

	}

	/**
	 * Starlette's text example.
	 */
	@WebSocketController
	@WebSocketMapping("/cls/text")
	static class TextEcho extends ReportingEndpoint<String> {

		TextEcho(Disconnects disconnects) {
			super(Encoding.TEXT, disconnects);
		}

		@Override
		protected void onReceive(WebSocket webSocket, String data) {
			webSocket.sendText("Message text was: " + data);
		}

	}

	/**
	 * Starlette's bytes example.
	 */
	@WebSocketController
	@WebSocketMapping("/cls/bytes")
	static class BytesEcho extends ReportingEndpoint<byte[]> {

		BytesEcho(Disconnects disconnects) {
			super(Encoding.BYTES, disconnects);
		}

		@Override
		protected void onReceive(WebSocket webSocket, byte[] data) {
			webSocket.sendBytes(("Message bytes was: " + new String(data, StandardCharsets.UTF_8))
				.getBytes(StandardCharsets.UTF_8));
		}

	}

	/**
	 * Starlette's JSON example: any JSON value, echoed inside an object.
	 */
	@WebSocketController
	@WebSocketMapping("/cls/json")
	static class JsonEcho extends ReportingEndpoint<Object> {

		JsonEcho(Disconnects disconnects) {
			super(Encoding.JSON, disconnects);
		}

		@Override
		protected void onReceive(WebSocket webSocket, Object data) {
			webSocket.sendJson(Map.of("message", data));
		}

	}

	/**
	 * A chat message, the type a typed JSON endpoint reads.
	 * @param user who wrote it
	 * @param text what they wrote
	 */
	record ChatMessage(String user, String text) {

	}

	/**
	 * JSON read into a record.
	 */
	@WebSocketController
	@WebSocketMapping("/cls/chat")
	static class ChatEndpoint extends ReportingEndpoint<ChatMessage> {

		ChatEndpoint(Disconnects disconnects) {
			super(Encoding.JSON, disconnects);
		}

		@Override
		protected void onReceive(WebSocket webSocket, ChatMessage data) {
			webSocket.sendText(data.user() + " wrote " + data.text());
		}

	}

	/**
	 * Starlette's {@code encoding = None}: says what each message arrived as.
	 */
	@WebSocketController
	@WebSocketMapping("/cls/undecoded")
	static class UndecodedEndpoint extends ReportingEndpoint<Object> {

		UndecodedEndpoint(Disconnects disconnects) {
			super(Encoding.NONE, disconnects);
		}

		@Override
		protected void onReceive(WebSocket webSocket, Object data) {
			webSocket.sendText((data instanceof byte[] bytes) ? "bytes " + bytes.length : "text '" + data + "'");
		}

	}

	/**
	 * Throws from {@code onReceive} when told to.
	 */
	@WebSocketController
	@WebSocketMapping("/cls/crash")
	static class CrashingEndpoint extends ReportingEndpoint<String> {

		CrashingEndpoint(Disconnects disconnects) {
			super(Encoding.TEXT, disconnects);
		}

		@Override
		protected void onReceive(WebSocket webSocket, String data) {
			if (data.equals("crash")) {
				throw new IllegalStateException("boom in onReceive");
			}
			webSocket.sendText("fine");
		}

	}

	/**
	 * Closes the connection in {@code onConnect}, which rejects the handshake.
	 */
	@WebSocketController
	@WebSocketMapping("/cls/reject")
	static class RejectingEndpoint extends ReportingEndpoint<String> {

		RejectingEndpoint(Disconnects disconnects) {
			super(Encoding.TEXT, disconnects);
		}

		@Override
		protected void onConnect(WebSocket webSocket) {
			webSocket.close(CloseCodes.WS_1008_POLICY_VIOLATION);
		}

	}

	/**
	 * Starlette's subprotocol example: accepts with {@code wamp}.
	 */
	@WebSocketController
	@WebSocketMapping("/cls/subprotocol")
	static class SubprotocolEndpoint extends WebSocketEndpoint<String> {

		SubprotocolEndpoint() {
			super(Encoding.TEXT);
		}

		@Override
		protected void onConnect(WebSocket webSocket) {
			webSocket.accept("wamp");
		}

	}

	/**
	 * An instance per connection: counts the messages of its own connection in a field.
	 */
	@WebSocketController
	@WebSocketMapping("/cls/counting")
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	static class CountingEndpoint extends WebSocketEndpoint<String> {

		private int count;

		CountingEndpoint() {
			super(Encoding.TEXT);
		}

		@Override
		protected void onReceive(WebSocket webSocket, String data) {
			this.count++;
			webSocket.sendText(data + " is message " + this.count);
		}

	}

}
