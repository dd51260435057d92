package io.fastws;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the connection data a {@link WebSocket} exposes: spec item A31.
 */
class HandshakeRequestTests {

	private WebSocket webSocket(String url, HttpHeaders headers) {
		HandshakeRequest request = new HandshakeRequest(URI.create(url), headers,
				new InetSocketAddress("127.0.0.1", 50000), null, Map.of("item_id", "123"));
		return new WebSocket(request, new InMemoryTransport(), tools.jackson.databind.json.JsonMapper.builder().build());
	}

	@Test
	void urlAndPortComeFromTheRequest() {
		WebSocket webSocket = webSocket("ws://example.com:123/items/123?a=abc", new HttpHeaders());
		assertThat(webSocket.url()).hasToString("ws://example.com:123/items/123?a=abc");
		assertThat(webSocket.url().getPort()).isEqualTo(123);
	}

	@Test
	void queryParametersAreDecodedMultiValuedAndKeepBlankValues() {
		WebSocket webSocket = webSocket("ws://testserver/ws?a=abc&b=456&tags=a&tags=b&token=&flag&name=J%C3%A9r%C3%B4me+X",
				new HttpHeaders());
		assertThat(webSocket.queryParams().getFirst("a")).isEqualTo("abc");
		assertThat(webSocket.queryParams().getFirst("b")).isEqualTo("456");
		assertThat(webSocket.queryParams().get("tags")).containsExactly("a", "b");
		assertThat(webSocket.queryParams().getFirst("token")).isEmpty();
		assertThat(webSocket.queryParams().getFirst("flag")).isEmpty();
		assertThat(webSocket.queryParams().getFirst("name")).isEqualTo("Jérôme X");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> webSocket.queryParams().add("x", "y"));
	}

	@Test
	void headersAreCaseInsensitiveAndMultiValued() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("X-Token", "one");
		headers.add("x-token", "two");
		WebSocket webSocket = webSocket("ws://testserver/ws", headers);
		assertThat(webSocket.headers().get("X-TOKEN")).containsExactly("one", "two");
	}

	@Test
	void cookiesAreParsedFromEveryCookieHeaderAndTheFirstValueWins() {
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.COOKIE, "session=fakesession; theme=\"dark\"");
		headers.add(HttpHeaders.COOKIE, "session=later; lang=en");
		WebSocket webSocket = webSocket("ws://testserver/ws", headers);
		assertThat(webSocket.cookies()).containsExactly(Map.entry("session", "fakesession"), Map.entry("theme", "dark"),
				Map.entry("lang", "en"));
	}

	@Test
	void pathParametersClientAndOfferedSubprotocolsAreExposed() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("Sec-WebSocket-Protocol", "soap, wamp");
		headers.add("Sec-WebSocket-Protocol", "mqtt");
		WebSocket webSocket = webSocket("ws://testserver/items/123", headers);
		assertThat(webSocket.pathParams()).containsExactly(Map.entry("item_id", "123"));
		assertThat(webSocket.client()).isEqualTo(new InetSocketAddress("127.0.0.1", 50000));
		assertThat(webSocket.subprotocols()).isEqualTo(List.of("soap", "wamp", "mqtt"));
	}

	@Test
	void attributesArePerConnectionAndIdentityIsPerConnection() {
		WebSocket first = webSocket("ws://testserver/ws", new HttpHeaders());
		WebSocket second = webSocket("ws://testserver/ws", new HttpHeaders());
		first.attributes().put("user", "alice");
		assertThat(first.attributes()).containsEntry("user", "alice");
		assertThat(second.attributes()).isEmpty();
		assertThat(first).isNotEqualTo(second).isEqualTo(first);
	}

}
