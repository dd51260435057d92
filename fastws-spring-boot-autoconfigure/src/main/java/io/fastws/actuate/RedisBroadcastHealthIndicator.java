package io.fastws.actuate;

import io.fastws.broadcast.RedisBroadcastBackend;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@link HealthIndicator} for the {@link RedisBroadcastBackend}: up while it reaches Redis, down while
 * broadcasts reach this instance's subscribers only.
 *
 * <p>It reports what the backend already knows from its own health checks, so it never waits for Redis.
 */
public class RedisBroadcastHealthIndicator extends AbstractHealthIndicator {

	private final RedisBroadcastBackend backend;

	/**
	 * Create an indicator for the given backend.
	 * @param backend the backend
	 */
	public RedisBroadcastHealthIndicator(RedisBroadcastBackend backend) {
		super("Redis broadcast health check failed");
		this.backend = backend;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.backend.isAvailable()) {
			builder.up();
		}
		else {
			builder.down()
				.withDetail("error", "Redis cannot be reached: broadcasts reach this instance's subscribers only");
		}
	}

}
