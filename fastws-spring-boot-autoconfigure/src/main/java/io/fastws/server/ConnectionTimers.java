package io.fastws.server;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The one daemon thread that times every connection's idle timeout, heartbeat and send deadline; it ends
 * once nothing is scheduled, and what runs on it must not block.
 */
final class ConnectionTimers {

	private static final ScheduledThreadPoolExecutor scheduler = createScheduler();

	private ConnectionTimers() {
	}

	private static ScheduledThreadPoolExecutor createScheduler() {
		CustomizableThreadFactory threadFactory = new CustomizableThreadFactory("fastws-timer-");
		threadFactory.setDaemon(true);
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, threadFactory);
		scheduler.setRemoveOnCancelPolicy(true);
		scheduler.setKeepAliveTime(1, TimeUnit.SECONDS);
		scheduler.allowCoreThreadTimeOut(true);
		return scheduler;
	}

	/**
	 * Run a task once after a delay.
	 * @param task the task, which must not block
	 * @param delayNanos the delay in nanoseconds
	 * @return the scheduled task, to cancel it
	 */
	static ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
		return scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
	}

}
