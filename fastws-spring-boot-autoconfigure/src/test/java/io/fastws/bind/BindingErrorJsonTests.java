package io.fastws.bind;

import java.nio.charset.StandardCharsets;

import io.fastws.test.HandshakeRejectedException;
import io.fastws.test.WebSocketTestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests over a real port for the JSON body of a handshake rejected for {@link BindingError binding errors},
 * as a client reads it.
 */
@SpringBootTest(classes = BindingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class BindingErrorJsonTests {

	@LocalServerPort
	private int port;

	private WebSocketTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebSocketTestClient.forPort(this.port);
	}

	@Test
	void everyTypeAndSourceIsWrittenInLowerCaseWithTheFieldsInOrder() {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> this.client.request("/rejected/abc?count=0").cookie("session", "x").connect())
			.satisfies((ex) -> assertThat(new String(ex.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"errors\":["
					+ "{\"type\":\"conversion\",\"source\":\"path\",\"name\":\"id\",\"message\":\"'abc' is not a valid Integer\",\"input\":\"abc\"},"
					+ "{\"type\":\"missing\",\"source\":\"query\",\"name\":\"q\",\"message\":\"Required query parameter 'q' is missing\",\"input\":null},"
					+ "{\"type\":\"missing\",\"source\":\"header\",\"name\":\"X-Token\",\"message\":\"Required header 'X-Token' is missing\",\"input\":null},"
					+ "{\"type\":\"conversion\",\"source\":\"cookie\",\"name\":\"session\",\"message\":\"'x' is not a valid Integer\",\"input\":\"x\"},"
					+ "{\"type\":\"validation\",\"source\":\"query\",\"name\":\"count\",\"message\":\"must be greater than or equal to 1\",\"input\":0},"
					+ "{\"type\":\"validation\",\"source\":\"parameter\",\"name\":\"calls\",\"message\":\"must be less than or equal to 0\",\"input\":1}"
					+ "]}"));
	}

}
