package io.fastws;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for using one {@link WebSocket} from several threads: spec item A32.
 */
class WebSocketConcurrencyTests {

	private final ExecutorService executor = Executors.newFixedThreadPool(8);

	@AfterEach
	void shutdown() {
		this.executor.shutdownNow();
	}

	@Test
	void aReaderBlockedInReceiveDoesNotBlockAConcurrentSender() throws Exception {
		InMemoryTransport transport = new InMemoryTransport();
		WebSocket webSocket = InMemoryTransport.webSocket(transport);
		webSocket.accept();
		AtomicReference<Object> received = new AtomicReference<>();
		CountDownLatch readerStarted = new CountDownLatch(1);
		Future<?> reader = this.executor.submit(() -> {
			readerStarted.countDown();
			received.set(webSocket.receiveJson());
		});
		assertThat(readerStarted.await(5, TimeUnit.SECONDS)).isTrue();
		Future<?> sender = this.executor.submit(() -> webSocket.sendJson(Map.of("ping", 1)));
		sender.get(5, TimeUnit.SECONDS);
		assertThat(reader).isNotDone();
		assertThat(transport.sent()).last().isEqualTo(new OutboundMessage.SendText("{\"ping\":1}"));
		transport.clientSendsText("{\"pong\":2}");
		reader.get(5, TimeUnit.SECONDS);
		assertThat(received.get()).isEqualTo(Map.of("pong", 2));
	}

	@Test
	void anInterruptedReaderSeesAnAbnormalDisconnectAndKeepsItsInterruptFlag() throws Exception {
		InMemoryTransport transport = new InMemoryTransport();
		WebSocket webSocket = InMemoryTransport.webSocket(transport);
		webSocket.accept();
		AtomicReference<Object> outcome = new AtomicReference<>();
		Thread reader = new Thread(() -> {
			try {
				webSocket.receiveText();
			}
			catch (WebSocketDisconnect ex) {
				outcome.set(ex.getCode() + " interrupted=" + Thread.currentThread().isInterrupted());
			}
		});
		reader.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> reader.getState() == Thread.State.TIMED_WAITING);
		reader.interrupt();
		reader.join(5000);
		assertThat(outcome.get()).isEqualTo("1006 interrupted=true");
	}

}
