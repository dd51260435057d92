package io.fastws.bind;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fastws.test.HandshakeRejectedException;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests over a real port for path variables, query parameters, headers and their conversion, validation
 * and rejection: spec items B4 to B11.
 */
@SpringBootTest(classes = BindingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "logging.level.io.fastws.server=DEBUG")
@ExtendWith(OutputCaptureExtension.class)
class NamedValueBindingTests {

	private static final String UUID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

	@LocalServerPort
	private int port;

	private WebSocketTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebSocketTestClient.forPort(this.port);
	}

	@Test
	void valuesAreConvertedToTheParameterTypes() {
		try (WebSocketTestSession session = this.client
			.request("/convert/42?flag=yes&color=GREEN&uuid=" + UUID + "&date=2026-11-21&tags=a&tags=b&plain=p")
			.header("X-Count", "1", "2")
			.connect()) {
			Map<String, Object> expected = new HashMap<>();
			expected.put("id", 42);
			expected.put("flag", true);
			expected.put("color", "GREEN");
			expected.put("uuid", UUID);
			expected.put("date", "2026-11-21");
			expected.put("tags", List.of("a", "b"));
			expected.put("counts", List.of(1, 2));
			expected.put("size", 7);
			expected.put("absent", false);
			expected.put("maybe", null);
			expected.put("plain", "p");
			assertThat(session.receiveJson()).isEqualTo(expected);
		}
	}

	@Test
	void aRepeatedQueryParameterBindsItsLastValueToASingleValuedParameterAsFastApiDoes() {
		try (WebSocketTestSession session = this.client
			.request("/convert/42?flag=yes&color=GREEN&uuid=" + UUID + "&date=2026-11-21&tags=a&plain=first&plain=last"
					+ "&size=1&size=2")
			.header("X-Count", "1")
			.connect()) {
			assertThat(session.receiveJson()).asInstanceOf(InstanceOfAssertFactories.MAP)
				.containsEntry("plain", "last")
				.containsEntry("size", 2);
		}
	}

	@Test
	void booleansAcceptWhatFastApiAccepts() {
		for (String yes : List.of("true", "1", "on", "yes", "TRUE")) {
			assertThat(flag(yes)).isTrue();
		}
		for (String no : List.of("false", "0", "off", "no")) {
			assertThat(flag(no)).isFalse();
		}
	}

	@SuppressWarnings("unchecked")
	private boolean flag(String value) {
		try (WebSocketTestSession session = this.client
			.request("/convert/1?color=RED&uuid=" + UUID + "&date=2026-01-01&tags=a&flag=" + value)
			.header("X-Count", "1")
			.connect()) {
			return (boolean) ((Map<String, Object>) session.receiveJson()).get("flag");
		}
	}

	@Test
	void everyFailureOfOneConnectionIsReportedAtOnceWithSourceNameMessageAndInput(CapturedOutput output) {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> this.client.connect("/convert/abc?flag=maybe&color=BLUE&uuid=nope&date=21.11.2026"))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(403);
				assertThat(BindingTestSupport.errorsOf(ex)).extracting((error) -> error.get("type") + " "
						+ error.get("source") + " " + error.get("name") + " " + error.get("input"))
					.containsExactly("conversion path id abc", "conversion query flag maybe",
							"conversion query color BLUE", "conversion query uuid nope",
							"conversion query date 21.11.2026", "missing query tags null", "missing header X-Count null");
				assertThat(BindingTestSupport.errorsOf(ex).get(2).get("message"))
					.isEqualTo("'BLUE' is not a valid BindingTestApplication.Color: expected one of [RED, GREEN]");
				assertThat(BindingTestSupport.errorsOf(ex).get(5).get("message"))
					.isEqualTo("Required query parameter 'tags' is missing");
			});
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(output).contains("DEBUG").contains("rejected: 7 binding errors"));
	}

	@Test
	void emptyQueryValueIsNotAMissingValue() {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> this.client.request("/numbers?count=").header("X-A", "a").connect())
			.satisfies((ex) -> assertThat(BindingTestSupport.errorsOf(ex))
				.containsExactly(Map.of("type", "conversion", "source", "query", "name", "count", "message",
						"'' is not a valid Integer", "input", "")));
	}

	@Test
	void optionalParametersMayBeAbsentAndHeadersAreCaseInsensitive() {
		try (WebSocketTestSession session = this.client.request("/numbers?count=5").header("x-a", "first").connect()) {
			assertThat(session.receiveText()).isEqualTo("5 first Optional.empty");
		}
		try (WebSocketTestSession session = this.client.request("/numbers?count=5&limit=9").header("X-A", "a").connect()) {
			assertThat(session.receiveText()).isEqualTo("5 a Optional[9]");
		}
	}

	@Test
	void unannotatedSimpleParametersAreQueryParametersOptionalUnlessPrimitiveAndTheirConstraintsHold() {
		try (WebSocketTestSession session = this.client.connect("/plain?count=2")) {
			assertThat(session.receiveText()).isEqualTo("2 null");
		}
		assertThatExceptionOfType(HandshakeRejectedException.class).isThrownBy(() -> this.client.connect("/plain"))
			.satisfies((ex) -> assertThat(BindingTestSupport.errorsOf(ex)).singleElement()
				.satisfies((error) -> assertThat(error).containsEntry("name", "count").containsEntry("type", "missing")));
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> this.client.connect("/plain?count=0&name=x"))
			.satisfies((ex) -> assertThat(BindingTestSupport.errorsOf(ex)).singleElement()
				.satisfies((error) -> assertThat(error).containsEntry("name", "count").containsEntry("type", "validation")));
	}

	@Test
	void constraintsOnParametersAreValidated() {
		try (WebSocketTestSession session = this.client.connect("/validated?item-count=2&name=abc")) {
			assertThat(session.receiveText()).isEqualTo("2 abc");
		}
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> this.client.connect("/validated?item-count=0&name=ABC"))
			.satisfies((ex) -> assertThat(BindingTestSupport.errorsOf(ex)).extracting((error) -> Arrays.asList(
					error.get("type"), error.get("source"), error.get("name"), error.get("message"), error.get("input")))
				.containsExactly(
						Arrays.asList("validation", "query", "item-count", "must be greater than or equal to 1", 0),
						Arrays.asList("validation", "query", "name", "must match \"[a-z]+\"", "ABC")));
	}

}
