package io.fastws.bind;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fastws.HandshakeRequest;
import io.fastws.WebSocket;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests over a real port, behind Spring Security with HTTP Basic, for the parameters bound to the upgrade
 * request itself: {@link HandshakeRequest}, and the authenticated user as {@link Authentication} or
 * {@link Principal}.
 */
@SpringBootTest(classes = SecurityBindingTests.SecuredApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class SecurityBindingTests {

	@LocalServerPort
	private int port;

	private WebSocketTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebSocketTestClient.forPort(this.port);
	}

	@Test
	void anAuthenticatedUpgradeBindsTheAuthenticationThePrincipalAndTheWholeHandshakeRequest() {
		String credentials = Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
		try (WebSocketTestSession session = this.client.request("/rooms/kitchen/ws?q=tea")
			.header("Authorization", "Basic " + credentials)
			.header("X-Trace", "t-7")
			.cookie("session", "s-1")
			.subprotocols("chat", "json")
			.connect()) {
			Map<String, Object> seen = seen(session);
			assertThat(seen).containsEntry("url", "ws://localhost:" + this.port + "/rooms/kitchen/ws?q=tea")
				.containsEntry("room", "kitchen")
				.containsEntry("q", "tea")
				.containsEntry("trace", "t-7")
				.containsEntry("cookie", "s-1")
				.containsEntry("subprotocols", List.of("chat", "json"))
				.containsEntry("fromLoopback", true)
				.containsEntry("requestPrincipal", "alice")
				.containsEntry("authentication", "alice")
				.containsEntry("authenticated", true)
				.containsEntry("optionalAuthentication", "alice")
				.containsEntry("principal", "alice");
			assertThat(seen.get("authorities")).asString().contains("ROLE_USER");
		}
	}

	@Test
	void anAnonymousUpgradeBindsNullAndAnEmptyOptional() {
		try (WebSocketTestSession session = this.client.connect("/rooms/hall/ws")) {
			Map<String, Object> seen = seen(session);
			assertThat(seen).containsEntry("room", "hall")
				.containsEntry("requestPrincipal", null)
				.containsEntry("authentication", null)
				.containsEntry("optionalAuthentication", "empty")
				.containsEntry("principal", null);
		}
	}

	@Test
	void anUpgradeWhoseHandlerWorksBeforeAcceptingStaysAuthenticated() {
		String credentials = Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
		try (WebSocketTestSession session = this.client.request("/private/ws")
			.header("Authorization", "Basic " + credentials)
			.connect()) {
			assertThat(session.receiveText()).isEqualTo("alice");
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> seen(WebSocketTestSession session) {
		return (Map<String, Object>) session.receiveJson();
	}

	/**
	 * The application under test, with Spring Security: requests under {@code /private} need the in-memory
	 * user's HTTP Basic credentials, every other request is permitted, and one with those credentials is
	 * authenticated.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(RoomsController.class)
	static class SecuredApplication {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			return http
				.authorizeHttpRequests(
						(requests) -> requests.requestMatchers("/private/**").authenticated().anyRequest().permitAll())
				.httpBasic(Customizer.withDefaults())
				.csrf((csrf) -> csrf.disable())
				.build();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("alice").password("{noop}secret").roles("USER").build());
		}

	}

	/**
	 * Tells the client what its parameters were bound to.
	 */
	@WebSocketController
	static class RoomsController {

		@WebSocketMapping("/rooms/{room}/ws")
		void room(WebSocket webSocket, HandshakeRequest request, @Nullable Authentication authentication,
				Optional<Authentication> optionalAuthentication, @Nullable Principal principal) {
			Map<String, Object> seen = new LinkedHashMap<>();
			seen.put("url", request.url().toString());
			seen.put("room", request.pathParams().get("room"));
			seen.put("q", request.queryParams().getFirst("q"));
			seen.put("trace", request.headers().getFirst("X-Trace"));
			seen.put("cookie", request.cookies().get("session"));
			seen.put("subprotocols", request.subprotocols());
			seen.put("fromLoopback",
					request.remoteAddress() != null && request.remoteAddress().getAddress().isLoopbackAddress());
			seen.put("requestPrincipal", (request.principal() != null) ? request.principal().getName() : null);
			seen.put("authentication", (authentication != null) ? authentication.getName() : null);
			seen.put("authenticated", (authentication != null) ? authentication.isAuthenticated() : null);
			seen.put("authorities", (authentication != null)
					? authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList() : null);
			seen.put("optionalAuthentication", optionalAuthentication.map(Authentication::getName).orElse("empty"));
			seen.put("principal", (principal != null) ? principal.getName() : null);
			webSocket.accept();
			webSocket.sendJson(seen);
			webSocket.receiveText();
		}

		@WebSocketMapping("/private/ws")
		void privateRoom(WebSocket webSocket, Principal principal) throws InterruptedException {
			Thread.sleep(300);
			webSocket.accept();
			webSocket.sendText(principal.getName());
			webSocket.receiveText();
		}

	}

}
