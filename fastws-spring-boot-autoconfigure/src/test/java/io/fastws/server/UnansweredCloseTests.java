package io.fastws.server;

import java.time.Duration;

import io.fastws.WebSocket;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.awaitility.Awaitility.await;

/**
 * Tests over a real port that a connection whose client never answers the server's close frame ends anyway,
 * within twice {@code fastws.send-time-limit}, rather than waiting for the client for ever.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = { RoutingTestApplication.class, UnansweredCloseTests.CloseOnRequest.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = "fastws.send-time-limit=500ms")
class UnansweredCloseTests {

	@LocalServerPort
	private int port;

	@Test
	void aClientThatReadsNothingAfterAskingTheServerToCloseIsDroppedAndItsConnectionEnds(CapturedOutput output) {
		WebSocketTestSession session = WebSocketTestClient.forPort(this.port).connect("/close-on-request");
		try {
			session.pauseReading();
			session.sendText("close, please");
			await().atMost(Duration.ofSeconds(5))
				.until(() -> output.getOut().contains("\"WebSocket /close-on-request\" closed "));
		}
		finally {
			session.abort();
		}
	}

	@WebSocketController
	static class CloseOnRequest {

		@WebSocketMapping("/close-on-request")
		void closeOnRequest(WebSocket webSocket) {
			webSocket.accept();
			webSocket.receiveText();
			webSocket.close();
		}

	}

}
