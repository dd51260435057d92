package io.fastws.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Inflater;

import io.fastws.FastWsTestApplication;
import io.fastws.WebSocket;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests over a real port for {@code fastws.compression}: whether permessage-deflate is negotiated when the
 * client offers it, as browsers always do.
 */
class CompressionTests {

	static final String OFFER = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits";

	static final String GREETING = "compress me, ".repeat(50);

	/**
	 * With {@code fastws.compression=true}.
	 */
	@Nested
	@SpringBootTest(classes = CompressionApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "fastws.compression=true")
	class WhenEnabled {

		@LocalServerPort
		private int port;

		@Test
		void permessageDeflateIsNegotiatedAndMessagesArriveCompressed() throws Exception {
			try (RawUpgradeRequest request = RawUpgradeRequest.send(this.port, "/greet", List.of("Upgrade: websocket",
					"Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13",
					OFFER))) {
				assertThat(request.status()).isEqualTo(101);
				assertThat(request.headers().getFirst("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");
				RawUpgradeRequest.Frame frame = request.readFrame();
				assertThat(frame.opcode()).isEqualTo(1);
				assertThat(frame.compressed()).isTrue();
				assertThat(frame.payload().length).isLessThan(GREETING.length());
				assertThat(inflate(frame.payload())).isEqualTo(GREETING);
				request.sendNormalClose();
			}
		}

		private static String inflate(byte[] payload) throws Exception {
			Inflater inflater = new Inflater(true);
			try {
				byte[] tail = { 0x00, 0x00, (byte) 0xFF, (byte) 0xFF };
				byte[] input = new byte[payload.length + tail.length];
				System.arraycopy(payload, 0, input, 0, payload.length);
				System.arraycopy(tail, 0, input, payload.length, tail.length);
				inflater.setInput(input);
				ByteArrayOutputStream text = new ByteArrayOutputStream();
				byte[] buffer = new byte[1024];
				for (int n = inflater.inflate(buffer); n > 0; n = inflater.inflate(buffer)) {
					text.write(buffer, 0, n);
				}
				return text.toString(StandardCharsets.UTF_8);
			}
			finally {
				inflater.end();
			}
		}

	}

	/**
	 * With {@code fastws.compression} left at its default, {@code false}.
	 */
	@Nested
	@SpringBootTest(classes = CompressionApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	class ByDefault {

		@LocalServerPort
		private int port;

		@Test
		void noExtensionIsNegotiatedAndMessagesArriveUncompressed() {
			try (WebSocketTestSession session = WebSocketTestClient.forPort(this.port)
				.request("/greet")
				.header("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits")
				.connect()) {
				assertThat(session.getResponseHeaders().containsHeader("Sec-WebSocket-Extensions")).isFalse();
				assertThat(session.receiveText()).isEqualTo(GREETING);
			}
		}

	}

	/**
	 * The application under test: one greeting route.
	 */
	@FastWsTestApplication
	@Import(GreetingController.class)
	static class CompressionApplication {

	}

	/**
	 * Sends one compressible text message to every connection.
	 */
	@WebSocketController
	static class GreetingController {

		@WebSocketMapping("/greet")
		void greet(WebSocket webSocket) {
			webSocket.accept();
			webSocket.sendText(GREETING);
			for (String ignored : webSocket.iterText()) {
				// keep the connection until the client leaves
			}
		}

	}

}
