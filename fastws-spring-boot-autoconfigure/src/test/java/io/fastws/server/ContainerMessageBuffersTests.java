package io.fastws.server;

import java.time.Duration;
import java.util.Map;

import io.fastws.FastWsTestApplication;
import io.fastws.WebSocket;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests over a real port that fastws lowers the servlet container's default WebSocket message buffers only
 * where no other WebSocket endpoint of the application relies on them: Spring's own endpoints take messages
 * whole, up to those buffers.
 */
class ContainerMessageBuffersTests {

	static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(10);

	static final int JETTYS_SIZE = 64 * 1024;

	static final int APPLICATIONS_SIZE = 32 * 1024;

	/**
	 * An application whose only WebSocket endpoints are fastws's.
	 */
	@Nested
	@SpringBootTest(classes = FastWsAloneApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	class FastWsAlone {

		@LocalServerPort
		private int port;

		@Autowired
		private ServletContext servletContext;

		@Test
		void tomcatsDefaultBuffersAreLoweredTo2KiBAndJettysAreLeftAlone() {
			assertDefaultBuffers(this.servletContext, 2048, JETTYS_SIZE);
		}

		@Test
		void aMessageFourTimesTheBuffersIsEchoedWhole() {
			assertEchoed(this.port, "/echo", "0123456789abcdef".repeat(512));
		}

	}

	/**
	 * What an application with a Spring WebSocket endpoint beside fastws's gets, however it declares it.
	 */
	abstract class BesideASpringEndpoint {

		@LocalServerPort
		private int port;

		@Autowired
		private ServletContext servletContext;

		@Test
		void theSpringEndpointStillTakesAMessageOf8000Characters() {
			assertEchoed(this.port, "/spring-echo", "x".repeat(8000));
		}

		@Test
		void fastWsEndpointsStillTakeMessagesFarLargerThanTheBuffers() {
			assertEchoed(this.port, "/echo", "0123456789abcdef".repeat(8192));
		}

		@Test
		void tomcatsDefaultBuffersStayAt8KiB() {
			assertDefaultBuffers(this.servletContext, 8192, JETTYS_SIZE);
		}

	}

	/**
	 * A Spring WebSocket endpoint registered through {@code @EnableWebSocket}.
	 */
	@Nested
	@SpringBootTest(classes = BesideSpringEndpointsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	class BesideSpringEndpoints extends BesideASpringEndpoint {

	}

	/**
	 * A Spring WebSocket endpoint declared as a handler bean, without {@code @EnableWebSocket}.
	 */
	@Nested
	@SpringBootTest(classes = BesideASpringHandlerBeanApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	class BesideASpringHandlerBean extends BesideASpringEndpoint {

	}

	/**
	 * An application that sets the container's defaults itself.
	 */
	@Nested
	@SpringBootTest(classes = ContainerDefaultsSetApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	class ContainerDefaultsSet {

		@Autowired
		private ServletContext servletContext;

		@Test
		void theApplicationsDefaultsAreKept() {
			assertDefaultBuffers(this.servletContext, APPLICATIONS_SIZE, APPLICATIONS_SIZE);
		}

	}

	/**
	 * Assert that a text message sent to the given route comes back whole.
	 */
	static void assertEchoed(int port, String path, String message) {
		try (WebSocketTestSession session = WebSocketTestClient.forPort(port)
			.withReceiveTimeout(RECEIVE_TIMEOUT)
			.connect(path)) {
			session.sendText(message);
			assertThat(session.receiveText()).isEqualTo(message);
		}
	}

	/**
	 * Assert the container's default message buffers, on the container of this run.
	 */
	static void assertDefaultBuffers(ServletContext servletContext, int onTomcat, int onJetty) {
		ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
		int expected = TestedContainer.isJetty() ? onJetty : onTomcat;
		assertThat(container.getDefaultMaxTextMessageBufferSize()).isEqualTo(expected);
		assertThat(container.getDefaultMaxBinaryMessageBufferSize()).isEqualTo(expected);
	}

	/**
	 * The fastws echo route alone.
	 */
	@FastWsTestApplication
	static class FastWsAloneApplication {

		@Bean
		EchoController echoController() {
			return new EchoController();
		}

	}

	/**
	 * The fastws echo route and a Spring echo endpoint.
	 */
	@FastWsTestApplication
	@EnableWebSocket
	static class BesideSpringEndpointsApplication {

		@Bean
		EchoController echoController() {
			return new EchoController();
		}

		@Bean
		WebSocketConfigurer springEcho() {
			return (registry) -> registry.addHandler(new SpringEcho(), "/spring-echo");
		}

	}

	/**
	 * The fastws echo route and a Spring echo endpoint mapped by a handler mapping of the application's.
	 */
	@FastWsTestApplication
	static class BesideASpringHandlerBeanApplication {

		@Bean
		EchoController echoController() {
			return new EchoController();
		}

		@Bean
		WebSocketHttpRequestHandler springEcho() {
			return new WebSocketHttpRequestHandler(new SpringEcho());
		}

		@Bean
		SimpleUrlHandlerMapping springEchoMapping(WebSocketHttpRequestHandler springEcho) {
			return new SimpleUrlHandlerMapping(Map.of("/spring-echo", springEcho), 0);
		}

	}

	/**
	 * The fastws echo route, with the container's defaults set by the application.
	 */
	@FastWsTestApplication
	static class ContainerDefaultsSetApplication {

		@Bean
		EchoController echoController() {
			return new EchoController();
		}

		@Bean
		ServletServerContainerFactoryBean servletServerContainer() {
			ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
			container.setMaxTextMessageBufferSize(APPLICATIONS_SIZE);
			container.setMaxBinaryMessageBufferSize(APPLICATIONS_SIZE);
			return container;
		}

	}

	/**
	 * A Spring WebSocket endpoint that echoes text messages, which Spring takes whole.
	 */
	static class SpringEcho extends TextWebSocketHandler {

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
			session.sendMessage(message);
		}

	}

	/**
	 * Echoes text messages.
	 */
	@WebSocketController
	static class EchoController {

		@WebSocketMapping("/echo")
		void echo(WebSocket webSocket) {
			webSocket.accept();
			for (String text : webSocket.iterText()) {
				webSocket.sendText(text);
			}
		}

	}

}
