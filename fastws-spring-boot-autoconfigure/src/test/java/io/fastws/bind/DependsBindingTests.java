package io.fastws.bind;

import java.time.Duration;
import java.util.List;

import io.fastws.bind.BindingTestApplication.Events;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests over a real port for {@link io.fastws.annotation.Depends @Depends}: the per-connection cache and
 * the closing of provided resources, spec items B22 and B24.
 */
@SpringBootTest(classes = BindingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class DependsBindingTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Events events;

	private WebSocketTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebSocketTestClient.forPort(this.port);
		this.events.list.clear();
	}

	@Test
	void aProviderIsCalledOncePerConnectionUnlessAParameterOptsOutOfTheCache() {
		for (int connection = 0; connection < 2; connection++) {
			try (WebSocketTestSession session = this.client.connect("/cache")) {
				assertThat(session.receiveJson()).isEqualTo(List.of(1, 1, 2));
			}
		}
	}

	@Test
	void aProvidedResourceIsClosedAfterTheHandlerReturnsOnceTheConnectionHasClosed() {
		WebSocketTestSession session = this.client.connect("/resource?name=db");
		assertThat(session.receiveText()).isEqualTo("ready");
		session.close();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.events.list).containsExactly("open db", "accepted", "disconnect 1000",
					"handler returned", "close db"));
	}

	@Test
	void aProvidedResourceIsClosedWhenTheConnectionIsLost() {
		WebSocketTestSession session = this.client.connect("/resource?name=cache");
		assertThat(session.receiveText()).isEqualTo("ready");
		session.abort();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.events.list).containsExactly("open cache", "accepted",
					"disconnect 1006", "handler returned", "close cache"));
	}

}
