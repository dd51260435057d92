package io.fastws.autoconfigure;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import io.fastws.FastWsTestApplication;
import io.fastws.WebSocket;
import io.fastws.WebSocketEndpoint;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.web.bind.annotation.PathVariable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests that mistakes in handler methods stop the application at start-up with Spring Boot's failure
 * report, saying what is wrong and what to do, rather than failing every connection later.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidHandlerMethodFailureAnalyzerTests {

	@Test
	void aPathVariableNotInTheRouteFailsStartUpNamingTheRoutesVariablesAndTheClosestOne(CapturedOutput output) {
		FailureAnalysis analysis = analyzeStartUpFailure(MisnamedPathVariableApplication.class);
		assertThat(analysis.getDescription()).isEqualTo("Path variable 'itemId' of "
				+ "InvalidHandlerMethodFailureAnalyzerTests.MisnamedPathVariableController#items(WebSocket, String) "
				+ "is not in its route '/items/{item_id}', whose variables are [item_id].");
		assertThat(analysis.getAction()).startsWith("Did you mean 'item_id'? ");
		assertThat(output).contains("APPLICATION FAILED TO START", analysis.getDescription(), analysis.getAction());
	}

	@Test
	void anUnsupportedParameterTypeFailsStartUpSayingWhatToUseInstead(CapturedOutput output) {
		FailureAnalysis analysis = analyzeStartUpFailure(UnsupportedParameterApplication.class);
		assertThat(analysis.getDescription()).isEqualTo("Parameter 'worker' of type java.lang.Thread in "
				+ "InvalidHandlerMethodFailureAnalyzerTests.UnsupportedParameterController#items(WebSocket, Thread) "
				+ "cannot be bound: no WebSocketArgumentResolver supports it.");
		assertThat(analysis.getAction()).contains("HandshakeRequest", "HttpHeaders", "WebSocketArgumentResolver bean");
		assertThat(output).contains("APPLICATION FAILED TO START", analysis.getDescription());
	}

	@Test
	void codeCompiledWithoutParameterNamesFailsStartUpWithTheCompilerFlag(@TempDir Path classes,
			CapturedOutput output) throws Exception {
		Class<?> controller = compileWithoutParameterNames(classes);
		SpringApplication application = application(NoControllerApplication.class);
		application.addInitializers((context) -> ((GenericApplicationContext) context).registerBean(controller));
		FailureAnalysis analysis = analyze(catchThrowable(application::run));
		assertThat(analysis.getDescription()).isEqualTo("Parameter 1 of NamelessController#items(WebSocket, int) "
				+ "is bound by its name, but the class was compiled without parameter names.");
		assertThat(analysis.getAction()).contains("-parameters", "<parameters>true</parameters>",
				"options.compilerArgs.add(\"-parameters\")");
		assertThat(output).contains("APPLICATION FAILED TO START", analysis.getDescription());
	}

	@Test
	void twoRoutesMatchingTheSamePathsFailStartUpNamingBoth(CapturedOutput output) {
		FailureAnalysis analysis = analyzeStartUpFailure(AmbiguousRoutesApplication.class);
		assertThat(analysis.getDescription()).contains("Ambiguous WebSocket routes", "'/items/{id}'",
				"'/items/{name}'");
		assertThat(analysis.getAction()).isEqualTo("Give one of the two routes a path of its own.");
		assertThat(output).contains("APPLICATION FAILED TO START");
	}

	@Test
	void aJsonEndpointWhoseTypeCannotBeResolvedFailsStartUpSayingHowToGiveIt(CapturedOutput output) {
		FailureAnalysis analysis = analyzeStartUpFailure(UnresolvableJsonEndpointApplication.class);
		assertThat(analysis.getDescription()).isEqualTo("InvalidHandlerMethodFailureAnalyzerTests.GenericJsonEndpoint "
				+ "reads JSON messages, but the type to read them as cannot be resolved from its WebSocketEndpoint<T>.");
		assertThat(analysis.getAction()).contains("super(Encoding.JSON, ChatMessage.class)");
		assertThat(output).contains("APPLICATION FAILED TO START", analysis.getDescription(), analysis.getAction());
	}

	private static FailureAnalysis analyzeStartUpFailure(Class<?> applicationClass) {
		return analyze(catchThrowable(() -> application(applicationClass).run()));
	}

	private static FailureAnalysis analyze(Throwable failure) {
		assertThat(failure).as("start-up failure").isNotNull();
		FailureAnalysis analysis = new InvalidHandlerMethodFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("analysis of " + failure).isNotNull();
		return analysis;
	}

	private static SpringApplication application(Class<?> applicationClass) {
		SpringApplication application = new SpringApplication(applicationClass);
		application.setDefaultProperties(java.util.Map.of("server.port", "0"));
		return application;
	}

	private static Class<?> compileWithoutParameterNames(Path classes) throws IOException, ClassNotFoundException {
		Path source = classes.resolve("NamelessController.java");
		Files.writeString(source, """
				import io.fastws.WebSocket;
				import io.fastws.annotation.WebSocketController;
				import io.fastws.annotation.WebSocketMapping;
				import org.springframework.web.bind.annotation.PathVariable;

				@WebSocketController
				public class NamelessController {

					@WebSocketMapping("/items/{id}")
					public void items(WebSocket webSocket, @PathVariable int id) {
					}

				}
				""");
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		int status = compiler.run(null, null, null, "-proc:none", "-classpath", System.getProperty("java.class.path"),
				"-d", classes.toString(), source.toString());
		assertThat(status).as("javac exit status").isZero();
		URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
				InvalidHandlerMethodFailureAnalyzerTests.class.getClassLoader());
		return loader.loadClass("NamelessController");
	}

	@FastWsTestApplication
	static class NoControllerApplication {

	}

	@FastWsTestApplication
	@Import(MisnamedPathVariableController.class)
	static class MisnamedPathVariableApplication {

	}

	@WebSocketController
	static class MisnamedPathVariableController {

		@WebSocketMapping("/items/{item_id}")
		void items(WebSocket webSocket, @PathVariable String itemId) {
		}

	}

	@FastWsTestApplication
	@Import(UnsupportedParameterController.class)
	static class UnsupportedParameterApplication {

	}

	@WebSocketController
	static class UnsupportedParameterController {

		@WebSocketMapping("/items")
		void items(WebSocket webSocket, Thread worker) {
		}

	}

	@FastWsTestApplication
	@Import(AmbiguousRoutesController.class)
	static class AmbiguousRoutesApplication {

	}

	@WebSocketController
	static class AmbiguousRoutesController {

		@WebSocketMapping("/items/{id}")
		void byId(WebSocket webSocket) {
		}

		@WebSocketMapping("/items/{name}")
		void byName(WebSocket webSocket) {
		}

	}

	@FastWsTestApplication
	@Import(GenericJsonEndpoint.class)
	static class UnresolvableJsonEndpointApplication {

	}

	@WebSocketController
	@WebSocketMapping("/generic")
	static class GenericJsonEndpoint<T> extends WebSocketEndpoint<T> {

		GenericJsonEndpoint() {
			super(Encoding.JSON);
		}

	}

}
