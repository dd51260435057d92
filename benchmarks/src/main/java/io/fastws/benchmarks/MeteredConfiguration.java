package io.fastws.benchmarks;

import io.fastws.server.observation.WebSocketMessageMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A Prometheus meter registry and an observation registry that times observations in it, as Spring Boot
 * Actuator configures them, for the metering benchmark ({@code --bench.metrics=true}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("bench.metrics")
class MeteredConfiguration {

	@Bean
	PrometheusMeterRegistry meterRegistry() {
		return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "bench.observations", matchIfMissing = true)
	ObservationRegistry observationRegistry(MeterRegistry meterRegistry) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
		return registry;
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "bench.message-metrics", havingValue = false)
	WebSocketMessageMetrics noMessageMetrics() {
		return WebSocketMessageMetrics.NONE;
	}

}
