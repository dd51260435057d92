package io.fastws.bind;

import java.security.Principal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fastws.CloseCodes;
import io.fastws.WebSocket;
import io.fastws.WebSocketDisconnect;
import io.fastws.WebSocketException;
import io.fastws.annotation.Depends;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * An application whose handlers take every kind of bound parameter, for the binding tests; Spring Security
 * authenticates with HTTP Basic where a request carries credentials.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ BindingTestApplication.ItemsController.class, BindingTestApplication.ConversionController.class,
		BindingTestApplication.ValidationController.class, BindingTestApplication.DependencyController.class,
		BindingTestApplication.PlainParameterController.class, BindingTestApplication.RejectionController.class,
		BindingTestApplication.PlaceholderController.class,
		BindingTestApplication.ConnectionController.class, BindingTestApplication.CookieOrToken.class,
		BindingTestApplication.CallCounter.class, BindingTestApplication.Resources.class })
class BindingTestApplication {

	enum Color {

		RED, GREEN

	}

	@Bean
	Events events() {
		return new Events();
	}

	@Bean
	Greeter greeter() {
		return new Greeter("bean");
	}

	@Bean
	@Order(1)
	WebSocketArgumentResolver greeterFromHeaderResolver() {
		return new WebSocketArgumentResolver() {

			@Override
			public boolean supportsParameter(MethodParameter parameter) {
				return parameter.getParameterType() == Greeter.class;
			}

			@Override
			public Object resolveArgument(MethodParameter parameter, WebSocket webSocket) {
				return new Greeter(webSocket.headers().getFirst("X-Greeting"));
			}

		};
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}secret").roles("USER").build());
	}

	/**
	 * What handlers and providers did, in order.
	 */
	static class Events {

		final List<String> list = new CopyOnWriteArrayList<>();

	}

	record Greeter(String greeting) {

	}

	/**
	 * FastAPI's cookie-or-token dependency of tutorial 2.
	 */
	static class CookieOrToken {

		public String get(@CookieValue Optional<String> session, @RequestParam Optional<String> token) {
			if (session.isEmpty() && token.isEmpty()) {
				throw new WebSocketException(CloseCodes.WS_1008_POLICY_VIOLATION);
			}
			return session.orElseGet(token::get);
		}

	}

	/**
	 * Counts its calls per connection.
	 */
	static class CallCounter {

		public int count(WebSocket webSocket) {
			return (int) webSocket.attributes().merge("calls", 1, (a, b) -> (int) a + (int) b);
		}

	}

	/**
	 * Provides a resource that is closed when the connection ends.
	 */
	static class Resources {

		private final Events events;

		Resources(Events events) {
			this.events = events;
		}

		public AutoCloseable open(@RequestParam String name) {
			this.events.list.add("open " + name);
			return () -> this.events.list.add("close " + name);
		}

	}

	@WebSocketController
	static class ItemsController {

		@WebSocketMapping("/items/{itemId}/ws")
		void items(WebSocket webSocket, @PathVariable String itemId, @RequestParam Optional<Integer> q,
				@Depends(CookieOrToken.class) String cookieOrToken) {
			webSocket.accept();
			while (true) {
				String data = webSocket.receiveText();
				webSocket.sendText("Session cookie or query token value is: " + cookieOrToken);
				q.ifPresent((value) -> webSocket.sendText("Query parameter q is: " + value));
				webSocket.sendText("Message text was: " + data + ", for item ID: " + itemId);
			}
		}

	}

	@WebSocketController
	static class ConversionController {

		@WebSocketMapping("/convert/{id}")
		void convert(WebSocket webSocket, @PathVariable int id, @RequestParam boolean flag, @RequestParam Color color,
				@RequestParam UUID uuid, @RequestParam LocalDate date, @RequestParam List<String> tags,
				@RequestHeader("X-Count") List<Integer> counts, @RequestParam(defaultValue = "7") int size,
				@RequestParam Optional<String> absent, @RequestParam(required = false) String maybe, String plain) {
			Map<String, Object> values = new LinkedHashMap<>();
			values.put("id", id);
			values.put("flag", flag);
			values.put("color", color);
			values.put("uuid", uuid.toString());
			values.put("date", date.toString());
			values.put("tags", tags);
			values.put("counts", counts);
			values.put("size", size);
			values.put("absent", absent.isPresent());
			values.put("maybe", maybe);
			values.put("plain", plain);
			webSocket.accept();
			webSocket.sendJson(values);
			webSocket.receiveText();
		}

		@WebSocketMapping("/numbers")
		void numbers(WebSocket webSocket, @RequestParam int count, @RequestHeader("X-A") String a,
				@RequestParam Optional<Long> limit) {
			webSocket.accept();
			webSocket.sendText(count + " " + a + " " + limit);
			webSocket.receiveText();
		}

	}

	@WebSocketController
	static class ValidationController {

		@WebSocketMapping("/validated")
		void validated(WebSocket webSocket, @RequestParam("item-count") @Min(1) int itemCount,
				@RequestParam @Pattern(regexp = "[a-z]+") String name) {
			webSocket.accept();
			webSocket.sendText(itemCount + " " + name);
			webSocket.receiveText();
		}

	}

	@WebSocketController
	static class PlainParameterController {

		@WebSocketMapping("/plain")
		void plain(WebSocket webSocket, @Min(1) int count, String name) {
			webSocket.accept();
			webSocket.sendText(count + " " + name);
			webSocket.receiveText();
		}

	}

	@WebSocketController
	static class PlaceholderController {

		@WebSocketMapping("/pages")
		void pages(WebSocket webSocket, @RequestParam(defaultValue = "${items.default-page:1}") int page,
				@RequestHeader(name = "X-Size", defaultValue = "#{2 * 5}") int size,
				@CookieValue(defaultValue = "#{greeter.greeting()}") String greeting,
				@RequestParam("${items.filter-parameter:filter}") @Pattern(regexp = "[a-z]+") String filter) {
			webSocket.accept();
			webSocket.sendText(page + " " + size + " " + greeting + " " + filter);
			webSocket.receiveText();
		}

	}

	@WebSocketController
	static class RejectionController {

		@WebSocketMapping("/rejected/{id}")
		void rejected(WebSocket webSocket, @PathVariable int id, @RequestParam String q,
				@RequestHeader("X-Token") String token, @CookieValue int session, @RequestParam @Min(1) int count,
				@Depends(CallCounter.class) @Max(0) int calls) {
			webSocket.accept();
		}

	}

	@WebSocketController
	static class DependencyController {

		private final Events events;

		DependencyController(Events events) {
			this.events = events;
		}

		@WebSocketMapping("/cache")
		void cache(WebSocket webSocket, @Depends(CallCounter.class) int a, @Depends(CallCounter.class) int b,
				@Depends(value = CallCounter.class, useCache = false) int c) {
			webSocket.accept();
			webSocket.sendJson(List.of(a, b, c));
			webSocket.receiveText();
		}

		@WebSocketMapping("/resource")
		void resource(WebSocket webSocket, @Depends(Resources.class) AutoCloseable resource) {
			webSocket.accept();
			this.events.list.add("accepted");
			webSocket.sendText("ready");
			try {
				webSocket.receiveText();
			}
			catch (WebSocketDisconnect ex) {
				this.events.list.add("disconnect " + ex.getCode());
				throw ex;
			}
			finally {
				this.events.list.add("handler returned");
			}
		}

	}

	@WebSocketController
	static class ConnectionController {

		@WebSocketMapping("/whoami")
		void whoami(WebSocket webSocket, Optional<Principal> principal, HttpHeaders headers, Greeter greeter,
				Events events) {
			webSocket.accept();
			webSocket.sendText(principal.map(Principal::getName).orElse("anonymous") + " " + headers.getFirst("X-Trace")
					+ " " + greeter.greeting() + " " + (events != null));
			webSocket.receiveText();
		}

		@WebSocketMapping("/principal")
		void principal(WebSocket webSocket, Principal principal) {
			webSocket.accept();
			webSocket.sendText((principal != null) ? principal.getName() : "null");
			webSocket.receiveText();
		}

	}

}
