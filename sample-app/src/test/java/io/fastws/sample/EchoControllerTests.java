package io.fastws.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.fastws.test.CloseFrame;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the echo tutorial over a real port: spec items C1 to C3.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class EchoControllerTests {

	@LocalServerPort
	private int port;

	@Test
	void pageAtTheRootIsTheChatPage() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("<!DOCTYPE html>").contains("WebSocket Chat");
	}

	@Test
	void everyTextComesBackPrefixed() {
		try (WebSocketTestSession session = WebSocketTestClient.forPort(this.port).connect("/ws")) {
			session.sendText("Message one");
			assertThat(session.receiveText()).isEqualTo("Message text was: Message one");
			session.sendText("Message two");
			assertThat(session.receiveText()).isEqualTo("Message text was: Message two");
		}
	}

	@Test
	void aBinaryFrameClosesTheConnectionWithUnsupportedData() {
		try (WebSocketTestSession session = WebSocketTestClient.forPort(this.port).connect("/ws")) {
			session.sendBytes(new byte[] { 1 });
			assertThat(session.awaitClose())
				.isEqualTo(new CloseFrame(1003, "Expected a text message, but received a binary message"));
		}
	}

}
