package io.fastws.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fastws.CloseCodes;
import io.fastws.FastWsTestApplication;
import io.fastws.WebSocket;
import io.fastws.WebSocketDisconnect;
import io.fastws.WebSocketEndpoint;
import io.fastws.WebSocketException;
import io.fastws.annotation.Depends;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;
import io.fastws.test.CloseFrame;
import io.fastws.test.HandshakeRejectedException;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests over a real port that a {@link WebSocketEndpoint} and a handler method written for the same
 * conversation behave the same: each test runs against the handler method's route, under {@code /fn}, and
 * the endpoint's, under {@code /cls}.
 */
@SpringBootTest(classes = ClassAndFunctionEndpointTests.RoomsApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ClassAndFunctionEndpointTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Events events;

	@Autowired
	private WebSocketHandlerExecutor executor;

	private WebSocketTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebSocketTestClient.forPort(this.port).withReceiveTimeout(Duration.ofSeconds(10));
		// the handlers of the previous test may still be ending
		awaitNoHandlerRunning();
		this.events.list.clear();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/fn", "/cls" })
	void pathQueryAndDependencyAreBoundTheConversationRunsAndTheEndSeesTheClientsCloseCode(String prefix) {
		try (WebSocketTestSession session = this.client.connect(prefix + "/rooms/kitchen?name=ada")) {
			assertThat(session.receiveText()).isEqualTo("ada joined kitchen");
			session.sendText("hi");
			assertThat(session.receiveText()).isEqualTo("ada@kitchen: hi");
			session.sendText("bye");
			assertThat(session.receiveText()).isEqualTo("ada@kitchen: bye");
			session.close(1001, "Going Away");
		}
		awaitEvents("ended with 1001", "membership of ada in kitchen closed");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/fn", "/cls" })
	void aMissingQueryParameterRejectsTheHandshakeWith403ListingTheError(String prefix) {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> this.client.connect(prefix + "/rooms/kitchen"))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(403);
				// once for the provider, once for the handler, as FastAPI reports it
				assertThat(errorsOf(ex))
					.extracting((error) -> error.get("type") + " " + error.get("source") + " " + error.get("name"))
					.containsExactly("missing query name", "missing query name");
			});
		assertThat(this.events.list).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/fn", "/cls" })
	void aDependencyThatRejectsTheConnectionAnswersTheHandshakeWith403(String prefix) {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> this.client.connect(prefix + "/rooms/kitchen?name=mallory"))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(403));
		assertThat(this.events.list).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/fn", "/cls" })
	void anExceptionAfterAcceptClosesWith1011IsLoggedOnceWithTheRouteAndTheEndSees1011(String prefix,
			CapturedOutput output) {
		try (WebSocketTestSession session = this.client.connect(prefix + "/rooms/kitchen?name=ada")) {
			assertThat(session.receiveText()).isEqualTo("ada joined kitchen");
			session.sendText("crash");
			assertThat(session.awaitClose()).isEqualTo(new CloseFrame(1011, ""));
		}
		awaitEvents("ended with 1011", "membership of ada in kitchen closed");
		awaitNoHandlerRunning();
		assertThat(output.toString().split("ERROR", -1)).hasSize(2);
		assertThat(output).contains("WS " + prefix + "/rooms/{room} -> ").contains("boom in kitchen");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/fn", "/cls" })
	void aBinaryMessageWhereTextIsExpectedClosesWith1003AndIsNotLoggedAsAnError(String prefix,
			CapturedOutput output) {
		try (WebSocketTestSession session = this.client.connect(prefix + "/rooms/kitchen?name=ada")) {
			assertThat(session.receiveText()).isEqualTo("ada joined kitchen");
			session.sendBytes(new byte[] { 1, 2, 3 });
			assertThat(session.awaitClose().code()).isEqualTo(1003);
		}
		awaitEvents("ended with 1011", "membership of ada in kitchen closed");
		awaitNoHandlerRunning();
		assertThat(output).doesNotContain("ERROR");
	}

	private void awaitEvents(String... expected) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.events.list).containsExactly(expected));
	}

	/**
	 * Wait until every handler has ended, and with it whatever its connection logs, so that a test can
	 * assert what was and was not logged.
	 */
	private void awaitNoHandlerRunning() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.executor.getActiveCount() == 0);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> errorsOf(HandshakeRejectedException rejection) {
		Map<String, Object> body = JsonMapper.builder().build().readValue(rejection.getBody(), Map.class);
		return (List<Map<String, Object>>) body.get("errors");
	}

	/**
	 * The application under test: one room conversation written as a handler method and as an endpoint.
	 */
	@FastWsTestApplication
	@Import({ Memberships.class, RoomController.class, RoomEndpoint.class })
	static class RoomsApplication {

		@Bean
		Events events() {
			return new Events();
		}

	}

	/**
	 * What the conversations' ends and dependencies saw, in order.
	 */
	static class Events {

		final List<String> list = new CopyOnWriteArrayList<>();

	}

	/**
	 * A member in a room, for the length of a connection.
	 * @param name the member's name
	 * @param room the room
	 * @param events where to note that the membership ended
	 */
	record Membership(String name, String room, Events events) implements AutoCloseable {

		@Override
		public void close() {
			this.events.list.add("membership of " + this.name + " in " + this.room + " closed");
		}

	}

	/**
	 * Provides the membership of the connecting client, and refuses {@code mallory}.
	 */
	static class Memberships {

		private final Events events;

		Memberships(Events events) {
			this.events = events;
		}

		public Membership join(@PathVariable String room, @RequestParam String name) {
			if (name.equals("mallory")) {
				throw new WebSocketException(CloseCodes.WS_1008_POLICY_VIOLATION, "banned");
			}
			return new Membership(name, room, this.events);
		}

	}

	/**
	 * The conversation as a handler method, written as a {@link WebSocketEndpoint} serves it.
	 */
	@WebSocketController
	static class RoomController {

		private final Events events;

		RoomController(Events events) {
			this.events = events;
		}

		@WebSocketMapping("/fn/rooms/{room}")
		void room(WebSocket webSocket, @PathVariable String room, @RequestParam String name,
				@Depends(Memberships.class) Membership membership) {
			webSocket.accept();
			webSocket.sendText(name + " joined " + room);
			int closeCode = CloseCodes.WS_1000_NORMAL_CLOSURE;
			try {
				while (true) {
					reply(webSocket, membership, webSocket.receiveText());
				}
			}
			catch (WebSocketDisconnect ex) {
				closeCode = ex.getCode();
			}
			catch (RuntimeException ex) {
				closeCode = CloseCodes.WS_1011_INTERNAL_ERROR;
				throw ex;
			}
			finally {
				this.events.list.add("ended with " + closeCode);
			}
		}

	}

	/**
	 * The conversation as a {@link WebSocketEndpoint}.
	 */
	@WebSocketController
	@WebSocketMapping("/cls/rooms/{room}")
	static class RoomEndpoint extends WebSocketEndpoint<String> {

		private final Events events;

		RoomEndpoint(Events events) {
			super(Encoding.TEXT);
			this.events = events;
		}

		void onConnect(WebSocket webSocket, @PathVariable String room, @RequestParam String name,
				@Depends(Memberships.class) Membership membership) {
			webSocket.accept();
			webSocket.attributes().put("membership", membership);
			webSocket.sendText(name + " joined " + room);
		}

		@Override
		protected void onReceive(WebSocket webSocket, String data) {
			reply(webSocket, (Membership) webSocket.attributes().get("membership"), data);
		}

		@Override
		protected void onDisconnect(WebSocket webSocket, int closeCode) {
			this.events.list.add("ended with " + closeCode);
		}

	}

	static void reply(WebSocket webSocket, Membership membership, String text) {
		if (text.equals("crash")) {
			throw new IllegalStateException("boom in " + membership.room());
		}
		webSocket.sendText(membership.name() + "@" + membership.room() + ": " + text);
	}

}
