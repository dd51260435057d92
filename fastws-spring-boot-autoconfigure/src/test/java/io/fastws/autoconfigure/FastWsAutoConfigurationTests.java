package io.fastws.autoconfigure;

import java.util.List;

import io.fastws.WebSocket;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.server.ConnectionSettings;
import io.fastws.server.WebSocketHandlerExecutor;
import io.fastws.server.WebSocketHandlerMapping;
import io.fastws.server.WebSocketRoute;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.system.JavaVersion;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FastWsAutoConfiguration}.
 */
class FastWsAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FastWsAutoConfiguration.class))
		.withUserConfiguration(EchoController.class);

	@Test
	void mapsTheRoutesOfEveryWebSocketController() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(WebSocketHandlerMapping.class);
			assertThat(context.getBean(WebSocketHandlerMapping.class).getRoutes()).extracting(WebSocketRoute::describe)
				.containsExactly("WS /chat/ws -> FastWsAutoConfigurationTests.EchoController#echo(WebSocket)");
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("fastws.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketHandlerMapping.class)
				.doesNotHaveBean(WebSocketHandlerExecutor.class));
	}

	@Test
	void backsOffInAnApplicationThatIsNotAServletWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FastWsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketHandlerMapping.class));
	}

	@Test
	void backsOffWhereTheUserDefinesItsBeans() {
		this.contextRunner.withUserConfiguration(CustomBeans.class).run((context) -> {
			assertThat(context).getBean(WebSocketHandlerExecutor.class).isSameAs(CustomBeans.executor);
			assertThat(context.getBean(WebSocketHandlerMapping.class).getRoutes()).isEmpty();
		});
	}

	@Test
	void virtualThreadsOnJava17FailAtStartUpWithAClearMessage() {
		this.contextRunner.withPropertyValues("fastws.threads=virtual").run((context) -> {
			if (JavaVersion.getJavaVersion().isEqualOrNewerThan(JavaVersion.TWENTY_ONE)) {
				assertThat(context.getBean(WebSocketHandlerExecutor.class).isVirtual()).isTrue();
			}
			else {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("fastws.threads=virtual needs Java 21 or later");
			}
		});
	}

	@Test
	void platformThreadsStartWithTomcatsUnlimitedConnectionLimit() {
		this.contextRunner.withPropertyValues("fastws.threads=platform", "server.tomcat.max-connections=-1")
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(WebSocketHandlerExecutor.class)
				.satisfies((executor) -> assertThat(executor.isVirtual()).isFalse()));
	}

	@Test
	void platformThreadsCanBeChosenOnAnyJava() {
		this.contextRunner.withPropertyValues("fastws.threads=platform")
			.run((context) -> assertThat(context.getBean(WebSocketHandlerExecutor.class).isVirtual()).isFalse());
	}

	@WebSocketController
	@WebSocketMapping("/chat")
	static class EchoController {

		@WebSocketMapping("/ws")
		void echo(WebSocket webSocket) {
			webSocket.accept();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomBeans {

		static final WebSocketHandlerExecutor executor = WebSocketHandlerExecutor.platformThreads(1,
				java.time.Duration.ofSeconds(1));

		@Bean
		WebSocketHandlerExecutor customExecutor() {
			return executor;
		}

		@Bean
		WebSocketHandlerMapping customMapping() {
			return new WebSocketHandlerMapping(List.of(), executor, JsonMapper.builder().build(),
					ConnectionSettings.defaults(), List.of());
		}

	}

}
