package io.fastws.server;

import io.fastws.WebSocket;
import io.fastws.WebSocketEndpoint;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.autoconfigure.FastWsAutoConfiguration;
import io.fastws.bind.InvalidHandlerMethodException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

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

	@Test
	void anEndpointWithAMappingOnItsClassServesThatRouteBindingItsOnConnectMethod() {
		this.contextRunner.withUserConfiguration(RoomEndpoint.class).run((context) -> {
			WebSocketRoute route = context.getBean(WebSocketHandlerMapping.class).getRoutes().get(0);
			assertThat(route.describe())
				.isEqualTo("WS /rooms/{room} -> WebSocketControllerDetectorTests.RoomEndpoint#onConnect(WebSocket, String)");
		});
	}

	@Test
	void anEndpointBeanWithAMappingOnItsClassServesItsRouteWithoutWebSocketController() {
		this.contextRunner.withBean(PlainBeanEndpoint.class).run((context) -> assertThat(
				context.getBean(WebSocketHandlerMapping.class).getRoutes().get(0).pattern().getPatternString())
			.isEqualTo("/plain"));
	}

	@Test
	void aJsonEndpointGivenItsTypeExplicitlyStarts() {
		this.contextRunner.withBean(GenericJsonEndpoint.class, () -> new GenericJsonEndpoint<>(Integer.class))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void aClassMappingWithoutMethodsOnAClassThatIsNoEndpointFailsAtStartUpSayingToExtendWebSocketEndpoint() {
		this.contextRunner.withUserConfiguration(MappedButEmpty.class)
			.run((context) -> assertThat(startUpFailure(context)).satisfies((ex) -> {
				assertThat(ex.getDescription()).isEqualTo("WebSocketControllerDetectorTests.MappedButEmpty has "
						+ "@WebSocketMapping(\"/empty\") on its class, but neither extends WebSocketEndpoint nor has "
						+ "@WebSocketMapping methods, so it serves no route.");
				assertThat(ex.getAction()).startsWith("Extend WebSocketEndpoint<T>");
			}));
	}

	@Test
	void anEndpointWithoutAMappingOnItsClassFailsAtStartUp() {
		this.contextRunner.withUserConfiguration(UnmappedEndpoint.class)
			.run((context) -> assertThat(startUpFailure(context)).satisfies((ex) -> {
				assertThat(ex.getDescription()).isEqualTo("WebSocketControllerDetectorTests.UnmappedEndpoint is a "
						+ "WebSocketEndpoint, but its class has no @WebSocketMapping, so it serves no route.");
				assertThat(ex.getAction()).contains("@WebSocketMapping(\"/ws\")");
			}));
	}

	@Test
	void anEndpointWithMappedMethodsFailsAtStartUpNamingThem() {
		this.contextRunner.withUserConfiguration(EndpointWithMethods.class)
			.run((context) -> assertThat(startUpFailure(context).getDescription())
				.endsWith("but also has @WebSocketMapping methods: [extra]."));
	}

	@Test
	void aJsonEndpointWhoseTypeCannotBeResolvedFailsAtStartUpSayingHowToGiveIt() {
		this.contextRunner.withBean(GenericJsonEndpoint.class, GenericJsonEndpoint::new)
			.run((context) -> assertThat(startUpFailure(context)).satisfies((ex) -> {
				assertThat(ex.getDescription()).isEqualTo("WebSocketControllerDetectorTests.GenericJsonEndpoint reads "
						+ "JSON messages, but the type to read them as cannot be resolved from its WebSocketEndpoint<T>.");
				assertThat(ex.getAction()).contains("extends WebSocketEndpoint<ChatMessage>",
						"super(Encoding.JSON, ChatMessage.class)");
			}));
	}

	@Test
	void anEncodingThatCannotDeliverTheTypeArgumentFailsAtStartUp() {
		this.contextRunner.withUserConfiguration(TextAsNumbers.class)
			.run((context) -> assertThat(startUpFailure(context)).satisfies((ex) -> {
				assertThat(ex.getDescription()).isEqualTo("WebSocketControllerDetectorTests.TextAsNumbers has encoding "
						+ "TEXT, which delivers each message as a String, but is a WebSocketEndpoint<java.lang.Integer>.");
				assertThat(ex.getAction()).isEqualTo("Declare it a WebSocketEndpoint<String>, or choose Encoding.JSON to "
						+ "read each message as JSON into Integer.");
			}));
	}

	@Test
	void twoOnConnectMethodsFailAtStartUpNamingBoth() {
		this.contextRunner.withUserConfiguration(TwoOnConnects.class)
			.run((context) -> assertThat(startUpFailure(context).getDescription())
				.isEqualTo("WebSocketControllerDetectorTests.TwoOnConnects declares 2 onConnect methods, "
						+ "onConnect(WebSocket) and onConnect(WebSocket, String), but fastws calls one for each "
						+ "connection."));
	}

	@Test
	void anOnReceiveMethodWithParametersToBindFailsAtStartUpSayingOnlyOnConnectIsBound() {
		this.contextRunner.withUserConfiguration(BoundOnReceive.class)
			.run((context) -> assertThat(startUpFailure(context)).satisfies((ex) -> {
				assertThat(ex.getDescription()).isEqualTo("WebSocketControllerDetectorTests.BoundOnReceive declares "
						+ "onReceive(WebSocket, String, String), which fastws never calls: it calls "
						+ "onReceive(WebSocket, T) and binds no parameters but those of onConnect.");
				assertThat(ex.getAction()).contains("attributes()");
			}));
	}

	private static InvalidHandlerMethodException startUpFailure(AssertableWebApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (!(failure instanceof InvalidHandlerMethodException) && failure.getCause() != null) {
			failure = failure.getCause();
		}
		assertThat(failure).isInstanceOf(InvalidHandlerMethodException.class);
		return (InvalidHandlerMethodException) failure;
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

	@WebSocketController
	@WebSocketMapping("/rooms/{room}")
	static class RoomEndpoint extends WebSocketEndpoint<String> {

		RoomEndpoint() {
			super(Encoding.TEXT);
		}

		void onConnect(WebSocket webSocket, @PathVariable String room) {
			webSocket.accept();
		}

	}

	@WebSocketMapping("/plain")
	static class PlainBeanEndpoint extends WebSocketEndpoint<String> {

		PlainBeanEndpoint() {
			super(Encoding.TEXT);
		}

	}

	@WebSocketController
	@WebSocketMapping("/generic")
	static class GenericJsonEndpoint<T> extends WebSocketEndpoint<T> {

		GenericJsonEndpoint() {
			super(Encoding.JSON);
		}

		GenericJsonEndpoint(Class<T> type) {
			super(Encoding.JSON, type);
		}

	}

	@WebSocketController
	@WebSocketMapping("/empty")
	static class MappedButEmpty {

	}

	@WebSocketController
	static class UnmappedEndpoint extends WebSocketEndpoint<String> {

		UnmappedEndpoint() {
			super(Encoding.TEXT);
		}

	}

	@WebSocketController
	@WebSocketMapping("/endpoint")
	static class EndpointWithMethods extends WebSocketEndpoint<String> {

		EndpointWithMethods() {
			super(Encoding.TEXT);
		}

		@WebSocketMapping("/extra")
		void extra(WebSocket webSocket) {
		}

	}

	@WebSocketController
	@WebSocketMapping("/numbers")
	static class TextAsNumbers extends WebSocketEndpoint<Integer> {

		TextAsNumbers() {
			super(Encoding.TEXT);
		}

	}

	@WebSocketController
	@WebSocketMapping("/two")
	static class TwoOnConnects extends WebSocketEndpoint<String> {

		TwoOnConnects() {
			super(Encoding.TEXT);
		}

		@Override
		protected void onConnect(WebSocket webSocket) {
			webSocket.accept();
		}

		void onConnect(WebSocket webSocket, @RequestParam String name) {
			webSocket.accept();
		}

	}

	@WebSocketController
	@WebSocketMapping("/rooms/{room}")
	static class BoundOnReceive extends WebSocketEndpoint<String> {

		BoundOnReceive() {
			super(Encoding.TEXT);
		}

		void onReceive(WebSocket webSocket, String data, @PathVariable String room) {
		}

	}

}
