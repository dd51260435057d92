package io.fastws.bind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fastws.FastWsTestApplication;
import io.fastws.WebSocket;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.test.HandshakeRejectedException;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestParam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests over a real port for a custom {@link WebSocketArgumentResolver} that reports its own binding
 * errors with {@link ArgumentBindingException}: they reject the handshake alongside the built-in ones.
 */
@SpringBootTest(classes = ResolverBindingErrorTests.TenantApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT)
class ResolverBindingErrorTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Calls calls;

	private WebSocketTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebSocketTestClient.forPort(this.port);
		this.calls.list.clear();
	}

	@Test
	void aResolversArgumentBindingExceptionIsA403ListingItsErrorWithTheOthers() {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> this.client.request("/tenants/ws").queryParam("count", "many").connect())
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(403);
				assertThat(ex.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
				assertThat(BindingTestSupport.errorsOf(ex)).containsExactly(
						Map.of("type", "conversion", "source", "query", "name", "count", "message",
								"'many' is not a valid Integer", "input", "many"),
						errorWithoutInput("missing", "header", "X-Tenant", "Required header 'X-Tenant' is missing"),
						errorWithoutInput("missing", "query", "region",
								"Required query parameter 'region' is missing"));
			});
		assertThat(this.calls.list).isEmpty();
	}

	@Test
	void theResolversValueIsBoundWhenItHasOne() {
		try (WebSocketTestSession session = this.client.request("/tenants/ws?count=2&region=eu")
			.header("X-Tenant", "acme")
			.connect()) {
			assertThat(session.receiveText()).isEqualTo("acme 2 eu");
		}
		assertThat(this.calls.list).containsExactly("acme");
	}

	private static Map<String, Object> errorWithoutInput(String type, String source, String name, String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("type", type);
		error.put("source", source);
		error.put("name", name);
		error.put("message", message);
		error.put("input", null);
		return error;
	}

	/**
	 * The application under test, with a resolver that binds {@link Tenant} from the {@code X-Tenant} header.
	 */
	@FastWsTestApplication
	static class TenantApplication {

		@Bean
		Calls calls() {
			return new Calls();
		}

		@Bean
		WebSocketArgumentResolver tenantResolver() {
			return new WebSocketArgumentResolver() {

				@Override
				public boolean supportsParameter(MethodParameter parameter) {
					return parameter.getParameterType() == Tenant.class;
				}

				@Override
				public Object resolveArgument(MethodParameter parameter, WebSocket webSocket) {
					String tenant = webSocket.headers().getFirst("X-Tenant");
					if (tenant == null) {
						throw new ArgumentBindingException(BindingError.missing(BindingSource.HEADER, "X-Tenant"));
					}
					return new Tenant(tenant);
				}

			};
		}

		@Bean
		TenantController tenantController(Calls calls) {
			return new TenantController(calls);
		}

	}

	/**
	 * The tenant a connection belongs to.
	 */
	record Tenant(String name) {

	}

	/**
	 * The tenants the handler was called for.
	 */
	static class Calls {

		final List<String> list = new CopyOnWriteArrayList<>();

	}

	/**
	 * Takes a tenant between two query parameters, so that the errors come in parameter order.
	 */
	@WebSocketController
	static class TenantController {

		private final Calls calls;

		TenantController(Calls calls) {
			this.calls = calls;
		}

		@WebSocketMapping("/tenants/ws")
		void tenants(WebSocket webSocket, @RequestParam int count, Tenant tenant, @RequestParam String region) {
			this.calls.list.add(tenant.name());
			webSocket.accept();
			webSocket.sendText(tenant.name() + " " + count + " " + region);
			webSocket.receiveText();
		}

	}

}
