package io.fastws.server;

import java.time.Duration;

import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.eclipse.jetty.ee11.websocket.server.JettyWebSocketServerContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests over a real port, on Jetty only, that Jetty's own idle timeout of WebSocket sessions (30 seconds by
 * default, here shortened to 300 ms) closes nothing: fastws's idle timeout and heartbeat are the ones that
 * apply, as on Tomcat.
 */
@EnabledIfSystemProperty(named = "fastws.test.container", matches = "jetty")
@SpringBootTest(classes = { RoutingTestApplication.class, JettyIdleTimeoutTests.ShortJettyIdleTimeout.class },
		webEnvironment = WebEnvironment.RANDOM_PORT)
class JettyIdleTimeoutTests {

	private static final Duration JETTY_IDLE_TIMEOUT = Duration.ofMillis(300);

	@LocalServerPort
	private int port;

	@Test
	void aConnectionThatSendsNothingOutlivesJettysIdleTimeoutWhenFastWsSetsNone() {
		try (WebSocketTestSession session = WebSocketTestClient.forPort(this.port).connect("/echo")) {
			await().during(JETTY_IDLE_TIMEOUT.multipliedBy(5))
				.atMost(JETTY_IDLE_TIMEOUT.multipliedBy(10))
				.until(session::isOpen);
			session.sendText("still here");
			assertThat(session.receiveText()).isEqualTo("Message text was: still here");
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ShortJettyIdleTimeout {

		@Bean
		ApplicationListener<WebServerInitializedEvent> shortJettyIdleTimeout() {
			return (event) -> {
				var context = (ServletWebServerApplicationContext) event.getApplicationContext();
				JettyWebSocketServerContainer container = JettyWebSocketServerContainer
					.getContainer(context.getServletContext());
				assertThat(container).isNotNull();
				container.setIdleTimeout(JETTY_IDLE_TIMEOUT);
			};
		}

	}

}
