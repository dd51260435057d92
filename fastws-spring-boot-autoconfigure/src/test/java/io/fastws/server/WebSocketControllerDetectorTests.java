package io.fastws.server;

import io.fastws.WebSocket;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.autoconfigure.FastWsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the start-up checks of {@link WebSocketControllerDetector}.
 */
class WebSocketControllerDetectorTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FastWsAutoConfiguration.class));

	@Test
	void twoRoutesThatMatchTheSamePathsFailAtStartUpNamingBothMethods() {
		this.contextRunner.withUserConfiguration(ItemsById.class, ItemsByName.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Ambiguous WebSocket routes")
				.hasMessageContaining("ItemsById#items(WebSocket)")
				.hasMessageContaining("ItemsByName#items(WebSocket)");
		});
	}

	@Test
	void aClassLevelMappingPrefixesItsMethodRoutes() {
		this.contextRunner.withUserConfiguration(ItemsById.class).run((context) -> assertThat(
				context.getBean(WebSocketHandlerMapping.class).getRoutes().get(0).pattern().getPatternString())
			.isEqualTo("/items/{id}/ws"));
	}

	@Test
	void aParameterNothingCanBindFailsAtStartUpNamingIt() {
		this.contextRunner.withUserConfiguration(Unbindable.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("Parameter 'mystery' of type java.lang.Runnable in "
						+ "WebSocketControllerDetectorTests.Unbindable#handle(WebSocket, Runnable) "
						+ "cannot be bound: no WebSocketArgumentResolver supports it.");
		});
	}

	@WebSocketController
	@WebSocketMapping("/items")
	static class ItemsById {

		@WebSocketMapping("/{id}/ws")
		void items(WebSocket webSocket) {
		}

	}

	@WebSocketController
	static class ItemsByName {

		@WebSocketMapping("/items/{name}/ws")
		void items(WebSocket webSocket) {
		}

	}

	@WebSocketController
	static class Unbindable {

		@WebSocketMapping("/unbindable")
		void handle(WebSocket webSocket, Runnable mystery) {
		}

	}

}
