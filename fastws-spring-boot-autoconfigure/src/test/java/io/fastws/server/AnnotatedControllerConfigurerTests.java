package io.fastws.server;

import java.nio.file.Path;

import io.fastws.WebSocket;
import io.fastws.annotation.Depends;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.test.HandshakeRejectedException;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AnnotatedControllerConfigurer} in a plain Spring MVC application on an embedded Tomcat,
 * without Spring Boot.
 */
class AnnotatedControllerConfigurerTests {

	@TempDir
	Path baseDir;

	private Tomcat tomcat;

	private WebSocketTestClient client;

	@BeforeEach
	void startServer() throws Exception {
		this.tomcat = new Tomcat();
		this.tomcat.setBaseDir(this.baseDir.toString());
		this.tomcat.setPort(0);
		Context context = this.tomcat.addContext("", this.baseDir.toString());
		context.addServletContainerInitializer(new WsSci(), null);
		AnnotationConfigWebApplicationContext applicationContext = new AnnotationConfigWebApplicationContext();
		applicationContext.register(PlainSpringConfiguration.class);
		Tomcat.addServlet(context, "dispatcher", new DispatcherServlet(applicationContext)).setLoadOnStartup(1);
		context.addServletMappingDecoded("/", "dispatcher");
		this.tomcat.getConnector();
		this.tomcat.start();
		this.client = WebSocketTestClient.forPort(this.tomcat.getConnector().getLocalPort());
	}

	@AfterEach
	void stopServer() throws Exception {
		this.tomcat.stop();
		this.tomcat.destroy();
	}

	@Test
	void servesAControllerWithConvertedArgumentsDependenciesAndCustomResolversWithoutSpringBoot() {
		try (WebSocketTestSession session = this.client.connect("/rooms/7/ws?name=ada")) {
			session.sendText("hello");
			assertThat(session.receiveText()).isEqualTo("room 8 greets ada: hello (via custom resolver)");
		}
	}

	@Test
	void rejectsAValueThatCannotBeConvertedWithTheBindingErrorsAsJson() {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> this.client.connect("/rooms/seven/ws?name=ada"))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(403);
				assertThat(ex.getBodyAsString()).contains("\"type\":\"conversion\"", "\"source\":\"path\"",
						"\"name\":\"room\"");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class PlainSpringConfiguration {

		@Bean
		AnnotatedControllerConfigurer annotatedControllerConfigurer() {
			AnnotatedControllerConfigurer configurer = new AnnotatedControllerConfigurer();
			configurer.addCustomArgumentResolver(new SuffixResolver());
			return configurer;
		}

		@Bean
		WebSocketHandlerMapping webSocketHandlerMapping(AnnotatedControllerConfigurer configurer) {
			return configurer.createHandlerMapping();
		}

		@Bean
		RoomController roomController() {
			return new RoomController();
		}

		@Bean
		Greeting greeting() {
			return new Greeting();
		}

	}

	@WebSocketController
	static class RoomController {

		@WebSocketMapping("/rooms/{room}/ws")
		void room(WebSocket webSocket, @PathVariable int room, @Depends(Greeting.class) String greeting,
				Suffix suffix) {
			webSocket.accept();
			String text = webSocket.receiveText();
			webSocket.sendText("room " + (room + 1) + " greets " + greeting + ": " + text + " " + suffix.text());
		}

	}

	@Component
	static class Greeting {

		public String greet(@RequestParam String name) {
			return name;
		}

	}

	record Suffix(String text) {

	}

	static class SuffixResolver implements io.fastws.bind.WebSocketArgumentResolver {

		@Override
		public boolean supportsParameter(MethodParameter parameter) {
			return parameter.getParameterType() == Suffix.class;
		}

		@Override
		public Object resolveArgument(MethodParameter parameter, WebSocket webSocket) {
			return new Suffix("(via custom resolver)");
		}

	}

}
