package io.fastws.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.boot.test.context.FilteredClassLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link WebSocketContainer#detect(ClassLoader)}, on the class path of each run: Tomcat's, then
 * Jetty's.
 */
class WebSocketContainerTests {

	@Test
	@DisabledIfSystemProperty(named = "fastws.test.container", matches = "jetty")
	void tomcatIsDetectedWhenItsWebSocketSupportIsPresent() {
		assertThat(WebSocketContainer.detect(getClass().getClassLoader())).isInstanceOf(TomcatWebSocketContainer.class);
	}

	@Test
	@EnabledIfSystemProperty(named = "fastws.test.container", matches = "jetty")
	void jettyIsDetectedWhenItsWebSocketSupportIsPresentAndTomcatsIsNot() {
		assertThat(WebSocketContainer.detect(getClass().getClassLoader())).isInstanceOf(JettyWebSocketContainer.class);
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
