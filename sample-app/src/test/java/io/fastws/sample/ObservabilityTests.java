package io.fastws.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.fastws.test.WebSocketTestClient;
import io.fastws.test.WebSocketTestSession;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests over a real port that the sample's Actuator endpoints show its WebSocket connections as an
 * operator would query them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ObservabilityTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String NORMAL_CLOSES = "fastws_connections_seconds_count"
			+ "{close_code=\"1000\",error=\"none\",outcome=\"normal\",route=\"/ws\"}";

	@LocalServerPort
	private int port;

	@Test
	void threeClientsOnTheEchoRouteShowAsThreeActiveConnections() throws Exception {
		double received = prometheus("fastws_messages_received_total{route=\"/ws\",type=\"text\"}");
		double normalCloses = prometheus(NORMAL_CLOSES);
		List<WebSocketTestSession> sessions = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				WebSocketTestSession session = WebSocketTestClient.forPort(this.port).connect("/ws");
				session.sendText("hello " + i);
				assertThat(session.receiveText()).isEqualTo("Message text was: hello " + i);
				sessions.add(session);
			}
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(get("/actuator/metrics/fastws.connections.active?tag=route:/ws"))
					.contains("\"statistic\":\"ACTIVE_TASKS\",\"value\":3.0"));
			assertThat(prometheus("fastws_connections_active_seconds_count{route=\"/ws\"}")).isEqualTo(3);
			assertThat(prometheus("fastws_messages_received_total{route=\"/ws\",type=\"text\"}"))
				.isEqualTo(received + 3);
			assertThat(get("/actuator/websockets")).contains("\"template\":\"/ws\"");
		}
		finally {
			sessions.forEach(WebSocketTestSession::close);
		}
		await().atMost(WAIT).untilAsserted(() -> assertThat(prometheus(NORMAL_CLOSES)).isEqualTo(normalCloses + 3));
	}

	private double prometheus(String series) throws Exception {
		return get("/actuator/prometheus").lines()
			.filter((line) -> line.startsWith(series + " "))
			.mapToDouble((line) -> Double.parseDouble(line.substring(series.length() + 1).trim()))
			.findFirst()
			.orElse(0);
	}

	private String get(String path) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).timeout(WAIT).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

}
