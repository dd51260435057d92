package io.fastws.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.tomcat.websocket.WsSession;

/**
 * The threads blocked in writes to one Tomcat session, released once a close has given up on them.
 *
 * <p>A write in progress is never cut short while the connection lives: Tomcat would leave the rest of its
 * frame to its poller while the next frame's header is already written into the same buffer, corrupting the
 * stream. A close therefore waits behind it, and its frame follows once the client has read the rest. If the
 * client reads nothing until the close gives up, Tomcat closes the connection but leaves the writer waiting
 * for its own blocking send timeout: only then is the writer interrupted.
 */
final class TomcatWrites {

	private final WsSession session;

	private final Object lock = new Object();

	private final List<Thread> writers = new ArrayList<>(2);

	private final List<Thread> interrupted = new ArrayList<>(2);

	TomcatWrites(WsSession session) {
		this.session = session;
	}

	/**
	 * Write in the calling thread, as a write that a close may release.
	 * @param write the blocking write
	 * @throws IOException if the write fails
	 */
	void write(IoAction write) throws IOException {
		Thread writer = Thread.currentThread();
		synchronized (this.lock) {
			this.writers.add(writer);
		}
		try {
			write.run();
		}
		finally {
			synchronized (this.lock) {
				this.writers.remove(writer);
				if (this.interrupted.remove(writer)) {
					// the interrupt may have come after Tomcat stopped waiting: it was meant for this write only
					Thread.interrupted();
				}
			}
		}
	}

	/**
	 * Close the session in the calling thread, then release the writes still blocked if the connection is
	 * closed.
	 * @param close Tomcat's close of the session, which waits for the write in progress
	 * @throws IOException if the close fails
	 */
	void close(IoAction close) throws IOException {
		try {
			close.run();
		}
		finally {
			if (!this.session.isOpen()) {
				releaseWriters();
			}
		}
	}

	private void releaseWriters() {
		synchronized (this.lock) {
			for (Thread writer : this.writers) {
				if (!this.interrupted.contains(writer)) {
					this.interrupted.add(writer);
					writer.interrupt();
				}
			}
		}
	}

	/**
	 * A blocking action on the session.
	 */
	@FunctionalInterface
	interface IoAction {

		void run() throws IOException;

	}

}
