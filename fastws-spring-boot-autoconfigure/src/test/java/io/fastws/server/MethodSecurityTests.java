package io.fastws.server;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.Base64;

import io.fastws.WebSocket;
import io.fastws.annotation.Depends;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.test.CloseFrame;
import io.fastws.test.HandshakeRejectedException;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.PathVariable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests over a real port, behind the real Spring Security with HTTP Basic and method security, that a
 * handler runs with the upgrade request's security context: {@code @PreAuthorize} on a handler or on what it
 * calls decides as in Spring MVC, and {@code @AuthenticationPrincipal} binds.
 */
@SpringBootTest(classes = MethodSecurityTests.SecuredApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class MethodSecurityTests {

	@LocalServerPort
	private int port;

	private WebSocketTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebSocketTestClient.forPort(this.port).withReceiveTimeout(Duration.ofSeconds(20));
	}

	@Test
	void theHandlerThreadHasTheRequestsSecurityContextAndTheAuthenticationPrincipalBinds() {
		try (WebSocketTestSession session = this.client.request("/ws/me").header("Authorization", basic("alice"))
			.connect()) {
			assertThat(session.receiveText()).isEqualTo("principal alice, context alice");
		}
	}

	@Test
	void aRouteRuleOfTheFilterChainRefusesAnAnonymousUpgradeBeforeAnyHandlerRuns() {
		HandshakeRejectedException rejection = catchThrowableOfType(HandshakeRejectedException.class,
				() -> this.client.connect("/ws/members/lounge"));
		assertThat(rejection.getStatus()).isEqualTo(401);
		assertThat(rejection.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic realm=");
		try (WebSocketTestSession session = this.client.request("/ws/members/lounge")
			.header("Authorization", basic("alice"))
			.connect()) {
			assertThat(session.receiveText()).isEqualTo("welcome to the lounge, alice");
		}
	}

	@Test
	void aHandlerAllowedByPreAuthorizeRuns() {
		try (WebSocketTestSession session = this.client.request("/ws/admin").header("Authorization", basic("admin"))
			.connect()) {
			assertThat(session.receiveText()).isEqualTo("hello admin");
		}
	}

	@Test
	void aHandlerDeniedByPreAuthorizeBeforeAcceptIsA403() {
		HandshakeRejectedException rejection = catchThrowableOfType(HandshakeRejectedException.class,
				() -> this.client.request("/ws/admin").header("Authorization", basic("alice")).connect());
		assertThat(rejection.getStatus()).isEqualTo(403);
	}

	@Test
	void anAnonymousClientDeniedByPreAuthorizeBeforeAcceptIsA401WithTheChallengeSpringSecuritySends() {
		HandshakeRejectedException rejection = catchThrowableOfType(HandshakeRejectedException.class,
				() -> this.client.connect("/ws/admin"));
		assertThat(rejection.getStatus()).isEqualTo(401);
		assertThat(rejection.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic realm=\"Realm\"");
	}

	@Test
	void aDependencyProviderDeniedByPreAuthorizeRefusesTheHandshake() {
		HandshakeRejectedException rejection = catchThrowableOfType(HandshakeRejectedException.class,
				() -> this.client.request("/ws/audit").header("Authorization", basic("alice")).connect());
		assertThat(rejection.getStatus()).isEqualTo(403);
		try (WebSocketTestSession session = this.client.request("/ws/audit").header("Authorization", basic("admin"))
			.connect()) {
			assertThat(session.receiveText()).isEqualTo("audit log of admin");
		}
	}

	@Test
	void aCallDeniedByPreAuthorizeAfterAcceptClosesWith1008() {
		try (WebSocketTestSession session = this.client.request("/ws/reports").header("Authorization", basic("alice"))
			.connect()) {
			assertThat(session.receiveText()).isEqualTo("accepted");
			CloseFrame close = session.awaitClose();
			assertThat(close.code()).isEqualTo(1008);
			assertThat(close.reason()).isEqualTo("Access denied");
		}
		try (WebSocketTestSession session = this.client.request("/ws/reports").header("Authorization", basic("admin"))
			.connect()) {
			assertThat(session.receiveText()).isEqualTo("accepted");
			assertThat(session.receiveText()).isEqualTo("the admin's report");
		}
	}

	private static String basic(String user) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The application under test: HTTP Basic, {@code /ws/members/**} for users only and every other request
 * permitted by the filter chain, method security on.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableMethodSecurity
	@Import({ SecuredController.class, ReportService.class, AuditLogProvider.class })
	static class SecuredApplication {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			return http
				.authorizeHttpRequests((requests) -> requests.requestMatchers("/ws/members/**")
					.hasRole("USER")
					.anyRequest()
					.permitAll())
				.httpBasic(Customizer.withDefaults())
				.csrf((csrf) -> csrf.disable())
				.build();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("alice").password("{noop}secret").roles("USER").build(),
					User.withUsername("admin").password("{noop}secret").roles("USER", "ADMIN").build());
		}

	}

	/**
	 * A service whose method only admins may call.
	 */
	@Service
	static class ReportService {

		@PreAuthorize("hasRole('ADMIN')")
		public String adminReport() {
			return "the admin's report";
		}

	}

	/**
	 * A dependency only admins may have.
	 */
	@Service
	static class AuditLogProvider {

		@PreAuthorize("hasRole('ADMIN')")
		public String auditLog(@AuthenticationPrincipal UserDetails user) {
			return "audit log of " + user.getUsername();
		}

	}

	@WebSocketController
	static class SecuredController {

		private final ReportService reports;

		SecuredController(ReportService reports) {
			this.reports = reports;
		}

		@WebSocketMapping("/ws/me")
		void me(WebSocket webSocket, @AuthenticationPrincipal UserDetails user) {
			webSocket.accept();
			webSocket.sendText("principal " + user.getUsername() + ", context "
					+ SecurityContextHolder.getContext().getAuthentication().getName());
		}

		@PreAuthorize("hasRole('ADMIN')")
		@WebSocketMapping("/ws/admin")
		void admin(WebSocket webSocket) {
			webSocket.accept();
			webSocket.sendText("hello admin");
		}

		@WebSocketMapping("/ws/members/{room}")
		void members(WebSocket webSocket, @PathVariable String room, Principal principal) {
			webSocket.accept();
			webSocket.sendText("welcome to the " + room + ", " + principal.getName());
		}

		@WebSocketMapping("/ws/audit")
		void audit(WebSocket webSocket, @Depends(AuditLogProvider.class) String auditLog) {
			webSocket.accept();
			webSocket.sendText(auditLog);
		}

		@WebSocketMapping("/ws/reports")
		void reports(WebSocket webSocket) {
			webSocket.accept();
			webSocket.sendText("accepted");
			webSocket.sendText(this.reports.adminReport());
		}

	}

}
