package io.fastws.broadcast;

import java.time.Duration;

import io.fastws.broadcast.DefaultBroadcasterTests.RecordingBackend;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for an application's own {@link BroadcastBackend} bean: it replaces the built-in backend, carries
 * what is published to the other instances, and delivers what they publish.
 */
class CustomBroadcastBackendTests {

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void aBroadcastBackendBeanCarriesWhatIsPublishedAndDeliversWhatOtherInstancesPublish() {
		RecordingBackend backend = start("--server.port=0");
		assertThat(this.context.getBeansOfType(BroadcastBackend.class)).containsOnlyKeys("recordingBackend");
		try (WebSocketTestSession alice = join("harbour")) {
			assertThat(backend.calls).contains("subscribe harbour");
			alice.sendText("ahoy");
			assertThat(alice.receiveText()).isEqualTo("ahoy");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(backend.calls).contains("publish harbour ahoy"));
			backend.listener.accept("harbour", "from another instance");
			assertThat(alice.receiveText()).isEqualTo("from another instance");
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(backend.calls).contains("unsubscribe harbour"));
	}

	@Test
	void aBroadcastBackendBeanIsUsedEvenWhenRedisIsChosen() {
		RecordingBackend backend = start("--server.port=0", "--fastws.broadcast.backend=redis",
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=1");
		assertThat(this.context.getBeansOfType(BroadcastBackend.class)).containsOnlyKeys("recordingBackend");
		try (WebSocketTestSession alice = join("harbour")) {
			alice.sendText("ahoy");
			assertThat(alice.receiveText()).isEqualTo("ahoy");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(backend.calls).contains("publish harbour ahoy"));
		}
	}

	private RecordingBackend start(String... arguments) {
		this.context = new SpringApplicationBuilder(BroadcastTestApplication.class, BackendConfiguration.class)
			.run(arguments);
		return this.context.getBean(RecordingBackend.class);
	}

	private WebSocketTestSession join(String room) {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		WebSocketTestSession session = WebSocketTestClient.forPort(port)
			.withReceiveTimeout(Duration.ofSeconds(10))
			.connect("/rooms/" + room);
		assertThat(session.receiveText()).isEqualTo("joined " + room);
		return session;
	}

	@Configuration(proxyBeanMethods = false)
	static class BackendConfiguration {

		@Bean
		RecordingBackend recordingBackend() {
			return new RecordingBackend();
		}

	}

}
