package io.fastws.server;

import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The work queue of a pool that starts a new thread, up to its maximum, before it queues a task: a task is
 * offered only to an idle thread, and queued once every thread is busy.
 */
final class GrowFirstQueue extends LinkedTransferQueue<Runnable> {

	private static final long serialVersionUID = 1L;

	private static final Runnable NO_OP = () -> {
	};

	@Override
	public boolean offer(Runnable task) {
		return tryTransfer(task);
	}

	/**
	 * Return the handler that queues a task the pool refused because every thread is busy.
	 * @return the handler, which refuses tasks only once the pool is shut down
	 */
	static RejectedExecutionHandler queueWhenBusy() {
		return (Runnable task, ThreadPoolExecutor pool) -> {
			if (pool.isShutdown()) {
				throw new RejectedExecutionException("The pool is shut down");
			}
			((GrowFirstQueue) pool.getQueue()).put(task);
			if (pool.getPoolSize() == 0) {
				// the last thread may have timed out between refusing the task and its queueing: start one
				pool.execute(NO_OP);
			}
		};
	}

}
