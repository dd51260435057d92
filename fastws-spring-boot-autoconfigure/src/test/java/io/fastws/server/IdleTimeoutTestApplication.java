package io.fastws.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.fastws.FastWsTestApplication;
import io.fastws.WebSocket;
import io.fastws.WebSocketDisconnect;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * An application whose handler starts reading only when a test lets it, for the idle timeout tests.
 */
@FastWsTestApplication
@Import(IdleTimeoutTestApplication.LateReaderController.class)
class IdleTimeoutTestApplication {

	@Bean
	LateReader lateReader() {
		return new LateReader();
	}

	/**
	 * When the handler may start reading, and what it read.
	 */
	static class LateReader {

		final List<String> events = new CopyOnWriteArrayList<>();

		volatile CountDownLatch startReading = new CountDownLatch(1);

		void reset() {
			this.startReading.countDown();
			this.events.clear();
			this.startReading = new CountDownLatch(1);
		}

	}

	@WebSocketController
	static class LateReaderController {

		private final LateReader lateReader;

		LateReaderController(LateReader lateReader) {
			this.lateReader = lateReader;
		}

		/**
		 * Accept, say so, wait until the test lets the handler read, then read messages numbered from 0 until
		 * the client leaves, and record how many arrived in order and how the connection ended.
		 */
		@WebSocketMapping("/late-reader")
		void lateReader(WebSocket webSocket) throws InterruptedException {
			webSocket.accept();
			webSocket.sendText("ready");
			if (!this.lateReader.startReading.await(60, TimeUnit.SECONDS)) {
				this.lateReader.events.add("never told to read");
				return;
			}
			int count = 0;
			try {
				while (true) {
					String text = webSocket.receiveText();
					if (!text.startsWith(count + ":")) {
						this.lateReader.events.add("out of order at " + count);
					}
					count++;
				}
			}
			catch (WebSocketDisconnect ex) {
				this.lateReader.events.add("received " + count + ", then disconnect " + ex.getCode());
			}
		}

	}

}
