package io.fastws.autoconfigure;

import java.time.Duration;

import io.fastws.WebSocket;
import io.fastws.actuate.MicrometerWebSocketMessageMetrics;
import io.fastws.actuate.RedisBroadcastHealthIndicator;
import io.fastws.actuate.WebSocketServerMetrics;
import io.fastws.actuate.WebSocketsEndpoint;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.broadcast.RedisBroadcastBackend;
import io.fastws.server.WebSocketHandlerMapping;
import io.fastws.server.observation.WebSocketMessageMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link FastWsActuatorAutoConfiguration}.
 */
class FastWsActuatorAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FastWsAutoConfiguration.class,
				FastWsBroadcastAutoConfiguration.class, FastWsActuatorAutoConfiguration.class))
		.withUserConfiguration(EchoController.class);

	@Test
	void theWebSocketsEndpointIsCreatedWhenItIsExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=websockets")
			.run((context) -> {
				assertThat(context).hasSingleBean(WebSocketsEndpoint.class);
				assertThat(context.getBean(WebSocketsEndpoint.class).webSockets().routes())
					.singleElement()
					.satisfies((route) -> assertThat(route.template()).isEqualTo("/echo"));
			});
	}

	@Test
	void theWebSocketsEndpointIsNotCreatedUnlessItIsExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(WebSocketsEndpoint.class));
	}

	@Test
	void theWebSocketsEndpointIsNotCreatedWhenItsAccessIsNone() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=websockets",
					"management.endpoint.websockets.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketsEndpoint.class));
	}

	@Test
	void theWebSocketsEndpointIsNotCreatedWhenFastWsIsDisabled() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=websockets", "fastws.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketsEndpoint.class));
	}

	@Test
	void theWebSocketsEndpointBacksOffWhereTheUserDefinesOne() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=websockets")
			.withUserConfiguration(CustomEndpoint.class)
			.run((context) -> assertThat(context).getBean(WebSocketsEndpoint.class)
				.isSameAs(context.getBean(CustomEndpoint.class).endpoint));
	}

	@Test
	void theMetersAreBoundWhenThereIsAMeterRegistry() {
		this.contextRunner.withBean(SimpleMeterRegistry.class).run((context) -> {
			assertThat(context).hasSingleBean(MicrometerWebSocketMessageMetrics.class)
				.hasSingleBean(WebSocketServerMetrics.class);
			assertThat(context.getBean(WebSocketHandlerMapping.class)).isNotNull();
		});
	}

	@Test
	void thereAreNoMetersWithoutAMeterRegistry() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(MicrometerWebSocketMessageMetrics.class)
			.doesNotHaveBean(WebSocketServerMetrics.class));
	}

	@Test
	void theApplicationStartsWithoutMicrometerCore() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core."))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(WebSocketHandlerMapping.class)
				.doesNotHaveBean(MicrometerWebSocketMessageMetrics.class));
	}

	@Test
	void theMessageMetricsBackOffWhereTheUserDefinesThem() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withBean("customMessageMetrics", WebSocketMessageMetrics.class, () -> WebSocketMessageMetrics.NONE)
			.run((context) -> assertThat(context).doesNotHaveBean(MicrometerWebSocketMessageMetrics.class)
				.hasSingleBean(WebSocketMessageMetrics.class));
	}

	@Test
	void theApplicationStartsWithoutActuatorAndWithoutTheEndpoint() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=websockets")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate."))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(WebSocketHandlerMapping.class)
				.doesNotHaveBean(WebSocketsEndpoint.class));
	}

	@Test
	void theWebSocketsEndpointNeedsNoRedisOnTheClassPath() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=websockets")
			.withClassLoader(new FilteredClassLoader("io.lettuce.", "org.springframework.data.redis."))
			.run((context) -> assertThat(context).hasSingleBean(WebSocketsEndpoint.class)
				.doesNotHaveBean(RedisBroadcastHealthIndicator.class));
	}

	@Test
	void theRedisBroadcastHealthIndicatorIsCreatedForTheRedisBackend() {
		healthRunner().run((context) -> {
			assertThat(context).hasSingleBean(RedisBroadcastHealthIndicator.class);
			assertThat(context).hasBean("fastWsRedisBroadcastHealthIndicator");
		});
	}

	@Test
	void noRedisBroadcastHealthIndicatorIsCreatedForTheInMemoryBackend() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(RedisBroadcastHealthIndicator.class));
	}

	@Test
	void theRedisBroadcastHealthIndicatorCanBeDisabled() {
		healthRunner().withPropertyValues("management.health.fastws-redis-broadcast.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisBroadcastHealthIndicator.class));
	}

	@Test
	void theRedisBroadcastHealthIndicatorBacksOffWithoutSpringBootHealth() {
		healthRunner().withClassLoader(new FilteredClassLoader("org.springframework.boot.health."))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RedisBroadcastBackend.class)
				.doesNotHaveBean(RedisBroadcastHealthIndicator.class));
	}

	/**
	 * A runner with a Redis backend of the test's own, which nothing starts, so no Redis is needed.
	 */
	private static WebApplicationContextRunner healthRunner() {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FastWsActuatorAutoConfiguration.class))
			.withUserConfiguration(RedisBackend.class);
	}

	@WebSocketController
	static class EchoController {

		@WebSocketMapping("/echo")
		void echo(WebSocket webSocket) {
			webSocket.accept();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomEndpoint {

		final WebSocketsEndpoint endpoint = mock(WebSocketsEndpoint.class);

		@Bean
		WebSocketsEndpoint customWebSocketsEndpoint() {
			return this.endpoint;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RedisBackend {

		@Bean
		RedisBroadcastBackend redisBroadcastBackend() {
			return new RedisBroadcastBackend(new LettuceConnectionFactory(), Duration.ofSeconds(1));
		}

	}

}
