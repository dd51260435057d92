package io.fastws.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.fastws.CloseCodes;
import io.fastws.InvalidMessageException;
import io.fastws.JsonMode;
import io.fastws.WebSocketDisconnect;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link WebSocketTestSession} against a plain Spring WebSocket server that sends what each test
 * asks for.
 */
@SpringBootTest(classes = ScriptedServerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class WebSocketTestSessionTests {

	@LocalServerPort
	private int port;

	private WebSocketTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebSocketTestClient.forPort(this.port);
	}

	@Test
	void receiveTextAndReceiveBytesReturnMessagesOfTheirType() {
		try (WebSocketTestSession session = this.client.connect("/script")) {
			session.sendText("text:hello");
			session.sendText("binary:数据");
			assertThat(session.receiveText()).isEqualTo("hello");
			assertThat(session.receiveBytes()).isEqualTo("数据".getBytes(StandardCharsets.UTF_8));
		}
	}

	@Test
	void receiveTextOnABinaryFrameThrowsInvalidMessageException() {
		try (WebSocketTestSession session = this.client.connect("/script")) {
			session.sendText("binary:hello");
			assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(session::receiveText)
				.satisfies((ex) -> {
					assertThat(ex.getCode()).isEqualTo(CloseCodes.WS_1003_UNSUPPORTED_DATA);
					assertThat(ex.getReason()).isEqualTo("Expected a text message, but received a binary message");
				});
		}
	}

	@Test
	void receiveBytesOnATextFrameThrowsInvalidMessageException() {
		try (WebSocketTestSession session = this.client.connect("/script")) {
			session.sendText("text:hello");
			assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(session::receiveBytes)
				.satisfies((ex) -> {
					assertThat(ex.getCode()).isEqualTo(CloseCodes.WS_1003_UNSUPPORTED_DATA);
					assertThat(ex.getReason()).isEqualTo("Expected a binary message, but received a text message");
				});
		}
	}

	@Test
	void receiveJsonReadsAnyJsonValueFromATextFrame() {
		try (WebSocketTestSession session = this.client.connect("/script")) {
			session.sendText("text:{\"name\":\"pen\",\"tags\":[1,2]}");
			session.sendText("text:null");
			assertThat(session.receiveJson()).isEqualTo(Map.of("name", "pen", "tags", List.of(1, 2)));
			assertThat(session.receiveJson()).isNull();
		}
	}

	@Test
	void receiveJsonOnABinaryFrameThrowsInvalidMessageException() {
		try (WebSocketTestSession session = this.client.connect("/script")) {
			session.sendText("binary:{\"name\":\"pen\"}");
			assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(session::receiveJson)
				.satisfies((ex) -> {
					assertThat(ex.getCode()).isEqualTo(CloseCodes.WS_1003_UNSUPPORTED_DATA);
					assertThat(ex.getReason()).isEqualTo("Expected a text message, but received a binary message");
				});
		}
	}

	@Test
	void receiveJsonInBinaryModeReadsUtf8FromABinaryFrame() {
		try (WebSocketTestSession session = this.client.connect("/script")) {
			session.sendText("binary:{\"test\":\"数据\"}");
			session.sendText("text:{\"test\":\"数据\"}");
			assertThat(session.receiveJson(JsonMode.BINARY)).isEqualTo(Map.of("test", "数据"));
			assertThatExceptionOfType(InvalidMessageException.class)
				.isThrownBy(() -> session.receiveJson(JsonMode.BINARY))
				.withMessageContaining("Expected a binary message, but received a text message");
		}
	}

	@Test
	void receiveJsonBindsToTheRequestedType() {
		try (WebSocketTestSession session = this.client.connect("/script")) {
			session.sendText("text:{\"name\":\"pen\",\"quantity\":3}");
			session.sendText("binary:{\"name\":\"ink\",\"quantity\":1}");
			assertThat(session.receiveJson(Item.class)).isEqualTo(new Item("pen", 3));
			assertThat(session.receiveJson(Item.class, JsonMode.BINARY)).isEqualTo(new Item("ink", 1));
		}
	}

	@Test
	void receiveJsonOfMalformedJsonThrowsInvalidMessageExceptionWith1007() {
		try (WebSocketTestSession session = this.client.connect("/script")) {
			session.sendText("text:{\"name\":");
			assertThatExceptionOfType(InvalidMessageException.class).isThrownBy(session::receiveJson)
				.satisfies((ex) -> {
					assertThat(ex.getCode()).isEqualTo(CloseCodes.WS_1007_INVALID_FRAME_PAYLOAD_DATA);
					assertThat(ex.getReason()).startsWith("Invalid JSON for Object: ");
				});
		}
	}

	@Test
	void receiveJsonOfJsonThatDoesNotFitTheTypeThrowsInvalidMessageExceptionWith1007() {
		try (WebSocketTestSession session = this.client.connect("/script")) {
			session.sendText("text:{\"name\":\"pen\",\"quantity\":\"many\"}");
			assertThatExceptionOfType(InvalidMessageException.class)
				.isThrownBy(() -> session.receiveJson(Item.class))
				.satisfies((ex) -> {
					assertThat(ex.getCode()).isEqualTo(CloseCodes.WS_1007_INVALID_FRAME_PAYLOAD_DATA);
					assertThat(ex.getReason()).startsWith("Invalid JSON for Item: ");
				});
		}
	}

	@Test
	void receiveThrowsReceiveTimeoutExceptionWhenTheServerSendsNothing() {
		WebSocketTestClient impatient = this.client.withReceiveTimeout(Duration.ofMillis(200));
		try (WebSocketTestSession session = impatient.connect("/script")) {
			session.sendText("silence");
			assertThatExceptionOfType(ReceiveTimeoutException.class).isThrownBy(session::receiveText)
				.withMessage("No message from the server within PT0.2S");
			session.sendText("text:still here");
			assertThat(session.receiveText()).isEqualTo("still here");
		}
	}

	@Test
	void serverCloseSurfacesAsWebSocketDisconnectWithTheServersCodeAndReason() {
		try (WebSocketTestSession session = this.client.connect("/script")) {
			session.sendText("close:4000:Bye for now");
			assertThatExceptionOfType(WebSocketDisconnect.class).isThrownBy(session::receiveText)
				.satisfies((ex) -> {
					assertThat(ex.getCode()).isEqualTo(4000);
					assertThat(ex.getReason()).isEqualTo("Bye for now");
				});
			assertThatExceptionOfType(WebSocketDisconnect.class).isThrownBy(session::receiveBytes);
			assertThat(session.awaitClose()).isEqualTo(new CloseFrame(4000, "Bye for now"));
			assertThat(session.isOpen()).isFalse();
		}
	}

	@Test
	void awaitCloseSkipsMessagesStillOnTheWay() {
		try (WebSocketTestSession session = this.client.connect("/script")) {
			session.sendText("text:last words");
			session.sendText("close:1000:done");
			assertThat(session.awaitClose()).isEqualTo(new CloseFrame(1000, "done"));
		}
	}

	@Test
	void sendFragmentedCutsATextMessageIntoFramesOfTheGivenNumberOfBytesEvenInsideACharacter() {
		try (WebSocketTestSession session = this.client.connect("/fragments")) {
			// 17 bytes of UTF-8: frames of 4 bytes cut 'ö' and '€'
			session.sendFragmented("héllo wörld €", 4);
			assertThat(session.receiveText()).isEqualTo("5 frames: héllo wörld €");
			session.sendFragmented("", 4);
			assertThat(session.receiveText()).isEqualTo("1 frames: ");
		}
	}

	@Test
	void sendFragmentedCutsABinaryMessageIntoFramesOfTheGivenSize() {
		byte[] payload = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
		try (WebSocketTestSession session = this.client.connect("/fragments")) {
			session.sendFragmented(payload, 3);
			assertThat(session.receiveText()).isEqualTo("4 frames of 10 bytes");
			assertThat(session.receiveBytes()).isEqualTo(payload);
		}
	}

	@Test
	void sendTextFragmentSendsOneFrameAtATimeAndNoBinaryFragmentCanCutIn() {
		try (WebSocketTestSession session = this.client.connect("/fragments")) {
			session.sendTextFragment("ab".getBytes(StandardCharsets.UTF_8), false);
			assertThatIllegalStateException()
				.isThrownBy(() -> session.sendBytesFragment(new byte[1], true))
				.withMessage("A text message is being sent in fragments");
			session.sendTextFragment("cd".getBytes(StandardCharsets.UTF_8), false);
			session.sendTextFragment("e".getBytes(StandardCharsets.UTF_8), true);
			assertThat(session.receiveText()).isEqualTo("3 frames: abcde");
			session.sendBytesFragment(new byte[] { 1 }, false);
			session.sendBytesFragment(new byte[] { 2 }, true);
			assertThat(session.receiveText()).isEqualTo("2 frames of 2 bytes");
			assertThat(session.receiveBytes()).containsExactly(1, 2);
		}
	}

	record Item(String name, int quantity) {

	}

}
