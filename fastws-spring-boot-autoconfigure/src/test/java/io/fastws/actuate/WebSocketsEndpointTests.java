package io.fastws.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.fastws.server.TestedContainer;
import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WebSocketsEndpoint} over HTTP, against a running application with real connections.
 */
@SpringBootTest(classes = ActuatorTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=websockets,health",
				"management.endpoint.health.show-details=always", "management.health.redis.enabled=false",
				"fastws.threads=platform", "fastws.ping-interval=5s", "fastws.max-text-message-size=16KB",
				"fastws.allowed-origins=https://example.com", "fastws.shutdown.close-code=1001" })
class WebSocketsEndpointTests {

	private static final Map<String, Object> CHAT_PARAMETERS = Map.of("parameters",
			List.of(parameter("webSocket", "parameter", "io.fastws.WebSocket"),
					parameter("room", "path", "java.lang.String"), parameter("since", "query", "int"),
					parameter("X-Client", "header", "java.util.Optional<java.lang.String>"),
					parameter("session", "cookie", "java.lang.String")));

	private final HttpClient httpClient = HttpClient.newHttpClient();

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Test
	void everyRouteIsListedWithItsHandlerAndWhereEachParameterComesFrom() throws Exception {
		List<Map<String, Object>> routes = routes();
		assertThat(routes).extracting((route) -> route.get("template")).containsExactlyInAnyOrder("/chat/{room}",
				"/news");
		assertThat(route(routes, "/chat/{room}"))
			.containsEntry("handler",
					"ActuatorTestApplication.ChatController#chat(WebSocket, String, int, Optional, String)")
			.containsEntry("parameters", CHAT_PARAMETERS.get("parameters"));
		assertThat(route(routes, "/news"))
			.containsEntry("handler", "ActuatorTestApplication.NewsController#news(WebSocket)")
			.containsEntry("parameters", List.of(parameter("webSocket", "parameter", "io.fastws.WebSocket")));
	}

	@Test
	void aRouteCountsItsConnectionWhileItIsOpenAndNotAfter() throws Exception {
		await().atMost(Duration.ofSeconds(5)).until(() -> connections().equals(0));
		try (WebSocketTestSession session = WebSocketTestClient.forPort(this.port).connect("/chat/lobby?since=3")) {
			assertThat(session.receiveText()).isEqualTo("joined lobby");
			Map<String, Object> webSockets = webSockets();
			assertThat(webSockets).containsEntry("connections", 1);
			assertThat(route(routes(webSockets), "/chat/{room}")).containsEntry("connections", 1);
			assertThat(route(routes(webSockets), "/news")).containsEntry("connections", 0);
		}
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(route(routes(), "/chat/{room}")).containsEntry("connections", 0));
		assertThat(connections()).isEqualTo(0);
	}

	@Test
	void theServletContainerServingTheConnectionsIsNamed() throws Exception {
		String expected = TestedContainer.isJetty() ? "Jetty" : "Tomcat";
		assertThat(webSockets()).containsEntry("container", expected);
	}

	@Test
	void theSettingsInEffectAreShownWithDurationsAndSizesAsPropertiesTakeThem() throws Exception {
		@SuppressWarnings("unchecked")
		Map<String, Object> settings = (Map<String, Object>) webSockets().get("settings");
		assertThat(settings).containsEntry("threads", "platform")
			.containsEntry("handshakeTimeout", "PT10S")
			.containsEntry("maxTextMessageSize", "16384B")
			.containsEntry("maxBinaryMessageSize", "1048576B")
			.containsEntry("maxQueuedMessages", 64)
			.containsEntry("compression", false)
			.containsEntry("sendTimeLimit", "PT10S")
			.containsEntry("sendBufferLimit", "1048576B")
			.containsEntry("pingInterval", "PT5S")
			.containsEntry("pingTimeout", "PT20S")
			.containsEntry("allowedOrigins", List.of("https://example.com"))
			.containsEntry("allowedOriginPatterns", List.of())
			.containsEntry("shutdown", Map.of("closeCode", 1001, "timeout", "PT10S"))
			.containsEntry("broadcast", Map.of("backend", "memory", "subscriberQueueSize", 1024))
			.doesNotContainKey("idleTimeout");
	}

	@Test
	void theHealthHasNoRedisBroadcastContributorWhenBroadcastsStayInMemory() throws Exception {
		@SuppressWarnings("unchecked")
		Map<String, Object> components = (Map<String, Object>) get("/actuator/health").get("components");
		assertThat(components).containsKey("ping").doesNotContainKey("fastWsRedisBroadcast");
	}

	private static Map<String, Object> parameter(String name, String source, String type) {
		return Map.of("name", name, "source", source, "type", type);
	}

	private static Map<String, Object> route(List<Map<String, Object>> routes, String template) {
		return routes.stream()
			.filter((route) -> template.equals(route.get("template")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No route " + template + " in " + routes));
	}

	private Object connections() throws Exception {
		return webSockets().get("connections");
	}

	private List<Map<String, Object>> routes() throws Exception {
		return routes(webSockets());
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> routes(Map<String, Object> webSockets) {
		return (List<Map<String, Object>>) webSockets.get("routes");
	}

	private Map<String, Object> webSockets() throws Exception {
		return get("/actuator/websockets");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build();
		HttpResponse<String> response = this.httpClient.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("status of GET " + path).isEqualTo(200);
		return this.jsonMapper.readValue(response.body(), Map.class);
	}

}
