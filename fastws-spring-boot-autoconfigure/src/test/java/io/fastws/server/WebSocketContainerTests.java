package io.fastws.server;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link WebSocketContainer#detect(ClassLoader)}, on the class path of each run: Tomcat's, then
 * Jetty's.
 */
class WebSocketContainerTests {

	@Test
	void theContainerOnTheClassPathIsDetectedTomcatFirst() {
		String expected = TestedContainer.isJetty() ? "Jetty" : "Tomcat";
		assertThat(WebSocketContainer.detect(getClass().getClassLoader()).name()).isEqualTo(expected);
	}

	@Test
	void anotherContainerFailsAtStartUpSayingWhatIsSupported() {
		assertThatIllegalStateException()
			.isThrownBy(() -> WebSocketContainer
				.detect(new FilteredClassLoader("org.apache.tomcat.websocket", "org.eclipse.jetty")))
			.withMessageContaining("fastws needs the WebSocket support of Tomcat")
			.withMessageContaining("or of Jetty 12");
	}

}
