package io.fastws.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fastws.FastWsTestApplication;
import io.fastws.InboundMessage;
import io.fastws.WebSocket;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.test.CloseFrame;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests over a real port for messages far larger than the container's 2 KiB buffers, whole and in
 * fragments: they arrive intact up to {@code fastws.max-*-message-size}, and one that crosses it closes the
 * connection with 1009 at once.
 */
class LargeMessagesTests {

	static final int MIB = 1024 * 1024;

	static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * With the default limits, 1 MiB.
	 */
	@Nested
	@SpringBootTest(classes = LargeMessagesApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	class ByDefault {

		@LocalServerPort
		private int port;

		@Autowired
		private Events events;

		private WebSocketTestClient client;

		@BeforeEach
		void setUp() {
			this.client = WebSocketTestClient.forPort(this.port).withReceiveTimeout(RECEIVE_TIMEOUT);
			this.events.list.clear();
		}

		@Test
		void aTextMessageOf60000CharactersFromTheTutorialIsEchoed() {
			String message = tutorialText(60_000);
			try (WebSocketTestSession session = this.client.connect("/tutorial")) {
				session.sendText(message);
				assertSameText(session.receiveText(), "Message text was: " + message);
			}
		}

		@Test
		void textMessagesOf64KiBAnd1MiBAreEchoedWholeAndInFragments() {
			try (WebSocketTestSession session = this.client.connect("/echo-text")) {
				for (int size : List.of(64 * 1024, MIB)) {
					String message = tutorialText(size);
					session.sendText(message);
					assertSameText(session.receiveText(), message);
					session.sendFragmented(message, 10_000);
					assertSameText(session.receiveText(), message);
				}
			}
		}

		@Test
		void binaryMessagesOf64KiBAnd1MiBAreEchoedWholeAndInFragments() {
			try (WebSocketTestSession session = this.client.connect("/echo-bytes")) {
				for (int size : List.of(64 * 1024, MIB)) {
					byte[] message = randomBytes(size);
					session.sendBytes(message);
					assertSameBytes(session.receiveBytes(), message);
					session.sendFragmented(message, 10_000);
					assertSameBytes(session.receiveBytes(), message);
				}
			}
		}

		@Test
		void multiByteCharactersCutBetweenFragmentsOrAtTheContainersBufferArriveIntact() {
			// 'é', '€' and '😀' take 2, 3 and 4 bytes; '😀' is two chars in Java
			String mixed = "aé€😀".repeat(2000);
			// '😀' where the container's 2048-char text buffer is one char short of it
			String atTheBuffer = "x".repeat(2047) + "😀" + "y".repeat(2046) + "é😀" + "€".repeat(9000);
			try (WebSocketTestSession session = this.client.connect("/echo-text")) {
				for (String message : List.of(mixed, atTheBuffer)) {
					session.sendText(message);
					assertSameText(session.receiveText(), message);
					for (int fragmentSize : List.of(1, 2, 3, 5, 2047, 2048, 2049, 8192)) {
						session.sendFragmented(message, fragmentSize);
						assertSameText(session.receiveText(), message);
					}
				}
			}
		}

		@Test
		void aTextMessageOneByteOverTheLimitClosesWith1009AndTheHandlerSeesTheDisconnect() {
			try (WebSocketTestSession session = this.client.connect("/record")) {
				session.sendText("x".repeat(MIB));
				assertThat(session.receiveText()).isEqualTo("received " + MIB);
				session.sendText("x".repeat(MIB + 1));
				assertThat(session.awaitClose())
					.isEqualTo(new CloseFrame(1009, "Text message over the limit of 1048576 bytes"));
			}
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.events.list).containsExactly("received " + MIB,
						"disconnect 1009 Text message over the limit of 1048576 bytes"));
		}

		@Test
		void theTextLimitCountsBytesOfUtf8() {
			String oneMibOfUtf8 = "é".repeat(MIB / 2);
			try (WebSocketTestSession session = this.client.connect("/record")) {
				session.sendFragmented(oneMibOfUtf8, 100_000);
				assertThat(session.receiveText()).isEqualTo("received " + MIB / 2);
				session.sendFragmented(oneMibOfUtf8 + "x", 100_000);
				assertThat(session.awaitClose().code()).isEqualTo(1009);
			}
		}

		@Test
		void aBinaryMessageOneByteOverTheLimitClosesWith1009AndTheHandlerSeesTheDisconnect() {
			try (WebSocketTestSession session = this.client.connect("/record")) {
				session.sendBytes(new byte[MIB]);
				assertThat(session.receiveText()).isEqualTo("received " + MIB);
				session.sendBytes(new byte[MIB + 1]);
				assertThat(session.awaitClose())
					.isEqualTo(new CloseFrame(1009, "Binary message over the limit of 1048576 bytes"));
			}
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.events.list).containsExactly("received " + MIB,
						"disconnect 1009 Binary message over the limit of 1048576 bytes"));
		}

		@Test
		void aTextMessageWhoseFirstFragmentCrossesTheLimitIsClosedBeforeTheRestIsSent() {
			try (WebSocketTestSession session = this.client.connect("/record")) {
				session.sendTextFragment("x".repeat(MIB + 1).getBytes(StandardCharsets.UTF_8), false);
				assertThat(session.awaitClose().code()).isEqualTo(1009);
			}
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.events.list)
					.containsExactly("disconnect 1009 Text message over the limit of 1048576 bytes"));
		}

		@Test
		void aBinaryMessageWhoseFragmentsCrossTheLimitIsClosedBeforeTheRestIsSent() {
			try (WebSocketTestSession session = this.client.connect("/record")) {
				session.sendBytesFragment(new byte[MIB], false);
				session.sendBytesFragment(new byte[1], false);
				assertThat(session.awaitClose().code()).isEqualTo(1009);
			}
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.events.list)
					.containsExactly("disconnect 1009 Binary message over the limit of 1048576 bytes"));
		}

		@Test
		void invalidUtf8ClosesWith1007WholeOrInFragments() {
			byte[] invalid = { 'a', 'b', (byte) 0xC3, '(' };
			assertClosesWith1007(List.of(invalid));
			// a 3-byte sequence begun in one fragment and broken in the next
			assertClosesWith1007(List.of(new byte[] { 'a', (byte) 0xE2 }, new byte[] { (byte) 0x82, '(' }));
			// a message that ends inside a character
			assertClosesWith1007(List.of("x".repeat(20_000).getBytes(StandardCharsets.UTF_8),
					new byte[] { (byte) 0xE2, (byte) 0x82 }));
		}

		private void assertClosesWith1007(List<byte[]> fragments) {
			try (WebSocketTestSession session = this.client.connect("/record")) {
				for (int i = 0; i < fragments.size(); i++) {
					session.sendTextFragment(fragments.get(i), i == fragments.size() - 1);
				}
				assertThat(session.awaitClose().code()).isEqualTo(1007);
			}
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.events.list).singleElement()
					.asString()
					.startsWith("disconnect 1007 "));
			this.events.list.clear();
		}

	}

	/**
	 * With both limits at uvicorn's 16 MiB.
	 */
	@Nested
	@SpringBootTest(classes = LargeMessagesApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "fastws.max-text-message-size=16MB", "fastws.max-binary-message-size=16MB" })
	class WithLimitsOf16MiB {

		@LocalServerPort
		private int port;

		@Test
		void textAndBinaryMessagesOf16MiBAreEchoed() {
			WebSocketTestClient client = WebSocketTestClient.forPort(this.port).withReceiveTimeout(RECEIVE_TIMEOUT);
			String text = tutorialText(16 * MIB);
			try (WebSocketTestSession session = client.connect("/echo-text")) {
				session.sendText(text);
				assertSameText(session.receiveText(), text);
			}
			byte[] bytes = randomBytes(16 * MIB);
			try (WebSocketTestSession session = client.connect("/echo-bytes")) {
				session.sendFragmented(bytes, MIB);
				assertSameBytes(session.receiveBytes(), bytes);
			}
		}

	}

	/**
	 * Return text of the given length, in sentences like a chat message's.
	 */
	static String tutorialText(int length) {
		String sentence = "Hello from the FastAPI WebSockets tutorial, message number 42. ";
		return sentence.repeat(length / sentence.length() + 1).substring(0, length);
	}

	static byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

	static void assertSameText(String actual, String expected) {
		assertThat(actual).as("text received").hasSameSizeAs(expected);
		assertThat(actual.equals(expected)).as("text received equal to the %d characters sent", expected.length())
			.isTrue();
	}

	static void assertSameBytes(byte[] actual, byte[] expected) {
		assertThat(actual).as("bytes received").hasSameSizeAs(expected);
		assertThat(Arrays.equals(actual, expected)).as("bytes received equal to the %d sent", expected.length)
			.isTrue();
	}

	/**
	 * The application under test: echo routes, the tutorial's, and one that records what it receives.
	 */
	@FastWsTestApplication
	static class LargeMessagesApplication {

		@Bean
		Events events() {
			return new Events();
		}

		@Bean
		LargeMessagesController largeMessagesController(Events events) {
			return new LargeMessagesController(events);
		}

	}

	/**
	 * What the recording handler saw, in order.
	 */
	static class Events {

		final List<String> list = new CopyOnWriteArrayList<>();

	}

	/**
	 * Echoes messages, as the tutorial does or as they are, and records the size of each message and the
	 * disconnect, with its code and reason.
	 */
	@WebSocketController
	static class LargeMessagesController {

		private final Events events;

		LargeMessagesController(Events events) {
			this.events = events;
		}

		@WebSocketMapping("/tutorial")
		void tutorial(WebSocket webSocket) {
			webSocket.accept();
			while (true) {
				String data = webSocket.receiveText();
				webSocket.sendText("Message text was: " + data);
			}
		}

		@WebSocketMapping("/echo-text")
		void echoText(WebSocket webSocket) {
			webSocket.accept();
			for (String text : webSocket.iterText()) {
				webSocket.sendText(text);
			}
		}

		@WebSocketMapping("/echo-bytes")
		void echoBytes(WebSocket webSocket) {
			webSocket.accept();
			for (byte[] bytes : webSocket.iterBytes()) {
				webSocket.sendBytes(bytes);
			}
		}

		@WebSocketMapping("/record")
		void record(WebSocket webSocket) {
			webSocket.accept();
			while (true) {
				InboundMessage message = webSocket.receive();
				if (message instanceof InboundMessage.Disconnect disconnect) {
					this.events.list.add("disconnect " + disconnect.code() + " " + disconnect.reason());
					return;
				}
				int size = (message instanceof InboundMessage.ReceiveText text) ? text.text().length()
						: ((InboundMessage.ReceiveBytes) message).bytes().length;
				this.events.list.add("received " + size);
				webSocket.sendText("received " + size);
			}
		}

	}

}
