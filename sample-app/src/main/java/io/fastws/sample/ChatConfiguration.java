package io.fastws.sample;

import io.fastws.broadcast.Broadcaster;
import io.fastws.broadcast.ConnectionGroups;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the chat's {@link ConnectionManager}: FastAPI's, within one instance, or, with
 * {@code sample.chat.shared=true}, one shared by every instance through the {@link Broadcaster}.
 */
@Configuration(proxyBeanMethods = false)
class ChatConfiguration {

	@Bean
	@ConditionalOnBooleanProperty(name = "sample.chat.shared", havingValue = false, matchIfMissing = true)
	ConnectionManager localConnectionManager(ConnectionGroups groups) {
		return new LocalConnectionManager(groups.group("chat"));
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "sample.chat.shared")
	ConnectionManager sharedConnectionManager(Broadcaster broadcaster, ConnectionGroups groups) {
		return new BroadcastConnectionManager(broadcaster, groups);
	}

}
