package io.fastws.bind;

import io.fastws.test.HandshakeRejectedException;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests over a real port for {@code ${...}} placeholders and {@code #{...}} SpEL expressions in the names
 * and default values of query parameters, headers and cookies, resolved as Spring MVC resolves them.
 */
@SpringBootTest(classes = BindingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "items.default-page=3", "items.filter-parameter=color" })
class PlaceholderBindingTests {

	@LocalServerPort
	private int port;

	private WebSocketTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebSocketTestClient.forPort(this.port);
	}

	@Test
	void aDefaultValueFromTheApplicationPropertiesIsBoundAndConverted() {
		try (WebSocketTestSession session = this.client.connect("/pages?color=red")) {
			assertThat(session.receiveText()).startsWith("3 ");
		}
		try (WebSocketTestSession session = this.client.connect("/pages?color=red&page=5")) {
			assertThat(session.receiveText()).startsWith("5 ");
		}
	}

	@Test
	void aSpelDefaultValueIsEvaluatedWithTheBeansInReach() {
		try (WebSocketTestSession session = this.client.connect("/pages?color=red")) {
			assertThat(session.receiveText()).isEqualTo("3 10 bean red");
		}
		try (WebSocketTestSession session = this.client.request("/pages?color=red")
			.header("X-Size", "20")
			.cookie("greeting", "hi")
			.connect()) {
			assertThat(session.receiveText()).isEqualTo("3 20 hi red");
		}
	}

	@Test
	void aPlaceholderInANameNamesTheValueAndItsErrors() {
		assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> this.client.connect("/pages"))
			.satisfies((ex) -> assertThat(BindingTestSupport.errorsOf(ex)).singleElement()
				.satisfies((error) -> assertThat(error).containsEntry("type", "missing")
					.containsEntry("source", "query")
					.containsEntry("name", "color")
					.containsEntry("message", "Required query parameter 'color' is missing")));
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> this.client.connect("/pages?color=RED"))
			.satisfies((ex) -> assertThat(BindingTestSupport.errorsOf(ex)).singleElement()
				.satisfies((error) -> assertThat(error).containsEntry("type", "validation")
					.containsEntry("source", "query")
					.containsEntry("name", "color")
					.containsEntry("input", "RED")));
	}

}
