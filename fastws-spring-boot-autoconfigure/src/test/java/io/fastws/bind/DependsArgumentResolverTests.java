package io.fastws.bind;

import io.fastws.WebSocket;
import io.fastws.annotation.Depends;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.autoconfigure.FastWsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the start-up checks of {@link DependsArgumentResolver}.
 */
class DependsArgumentResolverTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FastWsAutoConfiguration.class));

	@Test
	void aDependencyCycleFailsAtStartUpNamingIt() {
		this.contextRunner.withUserConfiguration(CycleController.class, First.class, Second.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("Dependency cycle: First#get -> Second#get -> First#get"));
	}

	@Test
	void aProviderThatIsNotABeanFailsAtStartUp() {
		this.contextRunner.withUserConfiguration(MissingProviderController.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("@Depends(First.class) needs a bean of that type: declare it with @Component or @Bean"));
	}

	@Test
	void aProviderWithSeveralPublicMethodsMustNameOne() {
		this.contextRunner.withUserConfiguration(AmbiguousController.class, Ambiguous.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("@Depends(Ambiguous.class) needs a single public method")
				.hasMessageContaining("has 2: name the provider with @Depends(method = ...)"));
	}

	@Test
	void aProviderWhoseResultTheParameterCannotTakeFailsAtStartUp() {
		this.contextRunner.withUserConfiguration(WrongTypeController.class, Standalone.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("@Depends provider DependsArgumentResolverTests.Standalone#get() returns String, which parameter 'number' of type "
						+ "Integer cannot take"));
	}

	static class First {

		public String get(@Depends(Second.class) String second) {
			return second;
		}

	}

	static class Second {

		public String get(@Depends(First.class) String first) {
			return first;
		}

	}

	static class Standalone {

		public String get() {
			return "value";
		}

	}

	static class Ambiguous {

		public String one() {
			return "1";
		}

		public String two() {
			return "2";
		}

	}

	@WebSocketController
	static class CycleController {

		@WebSocketMapping("/cycle")
		void handle(WebSocket webSocket, @Depends(First.class) String value) {
		}

	}

	@WebSocketController
	static class MissingProviderController {

		@WebSocketMapping("/missing")
		void handle(WebSocket webSocket, @Depends(First.class) String value) {
		}

	}

	@WebSocketController
	static class AmbiguousController {

		@WebSocketMapping("/ambiguous")
		void handle(WebSocket webSocket, @Depends(Ambiguous.class) String value) {
		}

	}

	@WebSocketController
	static class WrongTypeController {

		@WebSocketMapping("/wrong")
		void handle(WebSocket webSocket, @Depends(Standalone.class) Integer number) {
		}

	}

}
