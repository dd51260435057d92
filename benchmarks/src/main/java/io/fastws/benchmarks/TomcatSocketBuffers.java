package io.fastws.benchmarks;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code --bench.tomcat-socket-buffer=BYTES}, the size of Tomcat's per-connection socket read and write
 * buffers ({@code socket.appReadBufSize}, {@code socket.appWriteBufSize}, 8 KiB by default), for the
 * idle-connection case's variant that shows what smaller container buffers would save.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
@ConditionalOnProperty("bench.tomcat-socket-buffer")
class TomcatSocketBuffers {

	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> socketBufferSize(
			@Value("${bench.tomcat-socket-buffer}") int size) {
		return (factory) -> factory.addConnectorCustomizers((connector) -> {
			connector.setProperty("socket.appReadBufSize", String.valueOf(size));
			connector.setProperty("socket.appWriteBufSize", String.valueOf(size));
		});
	}

}
