package io.fastws.server;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link WebSocketContainer#detect(ClassLoader)}.
 */
class WebSocketContainerTests {

	@Test
	void tomcatIsDetectedWhenItsWebSocketSupportIsPresent() {
		assertThat(WebSocketContainer.detect(getClass().getClassLoader())).isInstanceOf(TomcatWebSocketContainer.class);
	}

	@Test
	void anotherContainerFailsAtStartUpSayingWhatIsSupported() {
		assertThatIllegalStateException()
			.isThrownBy(() -> WebSocketContainer.detect(new FilteredClassLoader("org.apache.tomcat.websocket")))
			.withMessageContaining("fastws needs Tomcat's WebSocket support")
			.withMessageContaining("no other servlet container is supported yet");
	}

}
