package io.fastws.server;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Runs each connection's handler on a thread of its own: a virtual thread per connection, or a thread of a
 * bounded platform pool that refuses new connections when it is full instead of queueing them.
 */
public final class WebSocketHandlerExecutor implements DisposableBean {

	private static final String THREAD_NAME_PREFIX = "fastws-";

	private final Executor executor;

	private final boolean virtual;

	private final AtomicInteger activeCount = new AtomicInteger();

	private WebSocketHandlerExecutor(Executor executor, boolean virtual) {
		this.executor = executor;
		this.virtual = virtual;
	}

	/**
	 * Create an executor that starts a virtual thread per connection; needs Java 21 or later.
	 * @return the executor
	 */
	public static WebSocketHandlerExecutor virtualThreads() {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(THREAD_NAME_PREFIX);
		executor.setVirtualThreads(true);
		return new WebSocketHandlerExecutor(executor, true);
	}

	/**
	 * Create an executor backed by a pool of platform threads.
	 * @param maxThreads the most connections handled at once; further handshakes are refused
	 * @param keepAlive how long an idle thread is kept
	 * @return the executor
	 */
	public static WebSocketHandlerExecutor platformThreads(int maxThreads, Duration keepAlive) {
		ThreadPoolExecutor pool = new ThreadPoolExecutor(0, maxThreads, keepAlive.toMillis(), TimeUnit.MILLISECONDS,
				new SynchronousQueue<>(), new CustomizableThreadFactory(THREAD_NAME_PREFIX));
		return new WebSocketHandlerExecutor(pool, false);
	}

	/**
	 * Return whether handlers run on virtual threads.
	 * @return {@code true} for virtual threads, {@code false} for a platform pool
	 */
	public boolean isVirtual() {
		return this.virtual;
	}

	/**
	 * Return how many handlers are running now.
	 * @return the number of running handlers
	 */
	public int getActiveCount() {
		return this.activeCount.get();
	}

	/**
	 * Start a handler.
	 * @param handler the handler to run
	 * @throws RejectedExecutionException if no thread is free for it
	 */
	public void execute(Runnable handler) {
		this.activeCount.incrementAndGet();
		try {
			this.executor.execute(() -> {
				try {
					handler.run();
				}
				finally {
					this.activeCount.decrementAndGet();
				}
			});
		}
		catch (RuntimeException ex) {
			this.activeCount.decrementAndGet();
			throw (ex instanceof RejectedExecutionException) ? ex : new RejectedExecutionException(ex);
		}
	}

	@Override
	public void destroy() {
		if (this.executor instanceof ExecutorService service) {
			service.shutdown();
		}
	}

}
