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
 * bounded platform pool that refuses new connections when it is full instead of queueing them; and writes
 * the messages queued without waiting on writer threads of the same kind.
 */
public final class WebSocketHandlerExecutor implements DisposableBean {

	private static final String THREAD_NAME_PREFIX = "fastws-handler-";

	private static final String WRITER_THREAD_NAME_PREFIX = "fastws-writer-";

	private final Executor executor;

	private final Executor writer;

	private final boolean virtual;

	private final AtomicInteger activeCount = new AtomicInteger();

	private WebSocketHandlerExecutor(Executor executor, Executor writer, boolean virtual) {
		this.executor = executor;
		this.writer = writer;
		this.virtual = virtual;
	}

	/**
	 * The most platform threads by default: Tomcat's default connection limit, since a handler holds its
	 * thread for its connection's whole life.
	 */
	public static final int DEFAULT_MAX_PLATFORM_THREADS = 8192;

	/**
	 * Create the default executor: a virtual thread per connection on Java 21 and later, otherwise a pool
	 * of up to {@value #DEFAULT_MAX_PLATFORM_THREADS} platform threads, started as connections come and kept
	 * for a minute when idle.
	 * @return the executor
	 */
	public static WebSocketHandlerExecutor defaultExecutor() {
		return (Runtime.version().feature() >= 21) ? virtualThreads()
				: platformThreads(DEFAULT_MAX_PLATFORM_THREADS, Duration.ofSeconds(60));
	}

	/**
	 * Create an executor that starts a virtual thread per connection; needs Java 21 or later.
	 * @return the executor
	 */
	public static WebSocketHandlerExecutor virtualThreads() {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(THREAD_NAME_PREFIX);
		executor.setVirtualThreads(true);
		SimpleAsyncTaskExecutor writer = new SimpleAsyncTaskExecutor(WRITER_THREAD_NAME_PREFIX);
		writer.setVirtualThreads(true);
		return new WebSocketHandlerExecutor(executor, writer, true);
	}

	/**
	 * Create an executor backed by a pool of platform threads, started as connections come and ended when
	 * idle; writers are a pool of the same size that starts a thread only when none is idle.
	 * @param maxThreads the most connections handled at once; further handshakes are refused
	 * @param keepAlive how long an idle thread is kept
	 * @return the executor
	 */
	public static WebSocketHandlerExecutor platformThreads(int maxThreads, Duration keepAlive) {
		ThreadPoolExecutor pool = new ThreadPoolExecutor(0, maxThreads, keepAlive.toMillis(), TimeUnit.MILLISECONDS,
				new SynchronousQueue<>(), new CustomizableThreadFactory(THREAD_NAME_PREFIX));
		ThreadPoolExecutor writers = new ThreadPoolExecutor(0, maxThreads, keepAlive.toMillis(), TimeUnit.MILLISECONDS,
				new GrowFirstQueue(), new CustomizableThreadFactory(WRITER_THREAD_NAME_PREFIX),
				GrowFirstQueue.queueWhenBusy());
		return new WebSocketHandlerExecutor(pool, writers, false);
	}

	/**
	 * Return the executor that writes messages queued without waiting, such as broadcasts, so that the
	 * thread that queued them never waits on a slow client.
	 * @return the writer executor
	 */
	public Executor writer() {
		return this.writer;
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
	 * Return the most handlers that can run at once.
	 * @return the pool's maximum size, or {@code -1} on virtual threads, which have no such limit
	 */
	public int getMaxThreads() {
		return (this.executor instanceof ThreadPoolExecutor pool) ? pool.getMaximumPoolSize() : -1;
	}

	/**
	 * Return how many writes queued without waiting, such as broadcasts, wait for a writer thread.
	 * @return the number of waiting writes, {@code 0} on virtual threads, which start one per write
	 */
	public int getQueuedWrites() {
		return (this.writer instanceof ThreadPoolExecutor pool) ? pool.getQueue().size() : 0;
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
		if (this.writer instanceof ExecutorService service) {
			service.shutdown();
		}
	}

}
