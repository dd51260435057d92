package io.fastws.actuate;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.fastws.CloseCodes;
import io.fastws.FastWsTestApplication;
import io.fastws.InboundMessage;
import io.fastws.WebSocket;
import io.fastws.WebSocketException;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An application whose routes end connections and handshakes in each way the meters tell apart, and one
 * that reports the observation and logging context its handler runs in.
 */
@FastWsTestApplication
@Import({ ObservabilityTestApplication.MeteredController.class, ObservabilityTestApplication.ContextController.class })
class ObservabilityTestApplication {

	/**
	 * Released by a test to let the {@code /held} handler read.
	 */
	static volatile CountDownLatch release = new CountDownLatch(1);

	@Bean
	OncePerRequestFilter requestIdFilter() {
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
					FilterChain chain) throws ServletException, IOException {
				MDC.put("requestId", String.valueOf(request.getHeader("X-Request-Id")));
				try {
					chain.doFilter(request, response);
				}
				finally {
					MDC.remove("requestId");
				}
			}

		};
	}

	@WebSocketController
	static class MeteredController {

		/**
		 * Echoes text and bytes; {@code fail} makes it throw, {@code policy} makes it close with 1008.
		 */
		@WebSocketMapping("/metered/{id}")
		void metered(WebSocket webSocket, @PathVariable String id) {
			webSocket.accept();
			while (true) {
				InboundMessage message = webSocket.receive();
				if (message instanceof InboundMessage.ReceiveBytes bytes) {
					webSocket.sendBytes(bytes.bytes());
				}
				else if (message instanceof InboundMessage.ReceiveText text) {
					switch (text.text()) {
						case "fail" -> throw new IllegalStateException("failed on purpose");
						case "policy" -> throw new WebSocketException(CloseCodes.WS_1008_POLICY_VIOLATION, "no");
						default -> webSocket.sendText(text.text());
					}
				}
				else {
					return;
				}
			}
		}

		/**
		 * Decides the handshake by its {@code decision} parameter, which is required.
		 */
		@WebSocketMapping("/guarded")
		void guarded(WebSocket webSocket, @RequestParam String decision) {
			switch (decision) {
				case "close" -> webSocket.close();
				case "deny" -> webSocket.sendDenialResponse(401, Map.of(), "no entry");
				case "fail" -> throw new IllegalStateException("failed on purpose");
				default -> {
					webSocket.accept();
					webSocket.close();
				}
			}
		}

		/**
		 * Reads nothing until a test releases it, then reads everything.
		 */
		@WebSocketMapping("/held")
		void held(WebSocket webSocket) throws InterruptedException {
			webSocket.accept();
			release.await(30, TimeUnit.SECONDS);
			for (String text : webSocket.iterText()) {
				webSocket.sendText(text);
			}
		}

	}

	@WebSocketController
	static class ContextController {

		private final ObservationRegistry observationRegistry;

		ContextController(ObservationRegistry observationRegistry) {
			this.observationRegistry = observationRegistry;
		}

		/**
		 * Tells the client the MDC request id and the observations its handler runs in, before and after it
		 * accepts.
		 */
		@WebSocketMapping("/context")
		void context(WebSocket webSocket) {
			String before = currentObservation();
			webSocket.accept();
			webSocket.sendText(MDC.get("requestId") + " " + before + " then " + currentObservation());
			webSocket.close();
		}

		private String currentObservation() {
			Observation current = this.observationRegistry.getCurrentObservation();
			return (current != null) ? current.getContext().getName() : "none";
		}

	}

}
