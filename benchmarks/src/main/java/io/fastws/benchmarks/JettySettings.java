package io.fastws.benchmarks;

import java.time.Duration;

import org.eclipse.jetty.ee11.websocket.server.JettyWebSocketServerContainer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * On Jetty ({@code --container=jetty}), what both servers need to run as they do on Tomcat and that Spring
 * Boot has no property for: Tomcat's accept queue, and no idle timeout on WebSocket connections.
 *
 * <p>Tomcat's {@code server.tomcat.accept-count} of 2,000 (application.properties) becomes Jetty's accept
 * queue size, which is otherwise the JDK's 50, fewer than the 100 handshakes the idle-connection case keeps
 * under way. Tomcat gives raw Spring's WebSocket sessions no idle timeout, and fastws turns Jetty's off for
 * its own; Jetty would close raw Spring's idle connections after 30 s, before the idle-connection case
 * measures them whenever opening them all takes more than 20 s (30 s less the 10 s hold), so it is turned off
 * for every session. Only on Jetty's class path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.eclipse.jetty.ee11.websocket.server.JettyWebSocketServerContainer")
class JettySettings {

	static final int ACCEPT_QUEUE_SIZE = 2000;

	@Bean
	WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> jettyAcceptQueue() {
		return (factory) -> factory.addServerCustomizers((server) -> {
			for (Connector connector : server.getConnectors()) {
				if (connector instanceof ServerConnector serverConnector) {
					serverConnector.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
				}
			}
		});
	}

	@Bean
	ApplicationListener<WebServerInitializedEvent> noJettyIdleTimeout() {
		return (event) -> {
			if (event.getApplicationContext() instanceof ServletWebServerApplicationContext context) {
				JettyWebSocketServerContainer container = JettyWebSocketServerContainer
					.getContainer(context.getServletContext());
				if (container != null) {
					container.setIdleTimeout(Duration.ZERO);
				}
			}
		};
	}

}
