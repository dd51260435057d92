package io.fastws.bind;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import io.fastws.FastWsTestApplication;
import io.fastws.WebSocket;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.test.HandshakeRejectedException;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests over a real port for the application's own {@link Converter} beans, which Spring MVC adds to its
 * {@code mvcConversionService} and so bind handler parameters too.
 */
@SpringBootTest(classes = ConverterBindingTests.ConverterApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ConverterBindingTests {

	@LocalServerPort
	private int port;

	private WebSocketTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebSocketTestClient.forPort(this.port);
	}

	@Test
	void aConverterBeanAndAConverterComponentBindTheirTypes() {
		try (WebSocketTestSession session = this.client.request("/price")
			.queryParam("price", "12.50 EUR")
			.header("X-Temperature", "21C")
			.connect()) {
			assertThat(session.receiveJson())
				.isEqualTo(Map.of("amount", "12.50", "currency", "EUR", "celsius", 21));
		}
	}

	@Test
	void aValueTheApplicationsConverterRejectsIsAConversionError() {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> this.client.request("/price")
				.queryParam("price", "twelve")
				.header("X-Temperature", "21C")
				.connect())
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(403);
				assertThat(BindingTestSupport.errorsOf(ex)).containsExactly(Map.of("type", "conversion", "source",
						"query", "name", "price", "message", "'twelve' is not a valid ConverterBindingTests.Money",
						"input", "twelve"));
			});
	}

	/**
	 * The application under test, with a {@code Money} converter declared as a {@code @Bean} lambda.
	 */
	@FastWsTestApplication
	@Import({ TemperatureConverter.class, PriceController.class })
	static class ConverterApplication {

		@Bean
		Converter<String, Money> moneyConverter() {
			return (source) -> {
				List<String> parts = List.of(source.trim().split(" "));
				if (parts.size() != 2) {
					throw new IllegalArgumentException("Expected an amount and a currency: " + source);
				}
				return new Money(new BigDecimal(parts.get(0)), Currency.getInstance(parts.get(1)));
			};
		}

	}

	/**
	 * An amount of money in a currency.
	 */
	record Money(BigDecimal amount, Currency currency) {

	}

	/**
	 * A temperature in degrees Celsius.
	 */
	record Temperature(int celsius) {

	}

	/**
	 * Reads temperatures such as {@code 21C}.
	 */
	@Component
	static class TemperatureConverter implements Converter<String, Temperature> {

		@Override
		public Temperature convert(String source) {
			if (!source.endsWith("C")) {
				throw new IllegalArgumentException("Expected degrees Celsius: " + source);
			}
			return new Temperature(Integer.parseInt(source.substring(0, source.length() - 1)));
		}

	}

	/**
	 * Takes parameters of the application's own types.
	 */
	@WebSocketController
	static class PriceController {

		@WebSocketMapping("/price")
		void price(WebSocket webSocket, @RequestParam Money price,
				@RequestHeader("X-Temperature") Temperature temperature) {
			webSocket.accept();
			webSocket.sendJson(Map.of("amount", price.amount().toPlainString(), "currency",
					price.currency().getCurrencyCode(), "celsius", temperature.celsius()));
			webSocket.receiveText();
		}

	}

}
