package io.fastws.actuate;

import io.fastws.broadcast.RedisBroadcastBackend;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link RedisBroadcastHealthIndicator}.
 */
class RedisBroadcastHealthIndicatorTests {

	private final RedisBroadcastBackend backend = mock(RedisBroadcastBackend.class);

	private final RedisBroadcastHealthIndicator indicator = new RedisBroadcastHealthIndicator(this.backend);

	@Test
	void isUpWhileTheBackendReachesRedis() {
		given(this.backend.isAvailable()).willReturn(true);
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).isEmpty();
	}

	@Test
	void isDownWithTheReasonWhileTheBackendCannotReachRedis() {
		given(this.backend.isAvailable()).willReturn(false);
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error",
				"Redis cannot be reached: broadcasts reach this instance's subscribers only");
	}

}
