package io.fastws.server;

import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;

/**
 * Reading from one Jetty session through Jetty's demand: the next frame is asked for once the last has been
 * handed over, unless fastws has suspended reading, in which case it is asked for when reading resumes.
 *
 * <p>Jetty reads nothing it has not been asked for, so a suspended session makes TCP push back on its client
 * as a suspended Tomcat session does.
 */
final class JettyDemand implements FlowControl {

	private final Object lock = new Object();

	private @Nullable Session session;

	private boolean suspended;

	private boolean owed;

	/**
	 * Start asking for frames from the given session, which Jetty has just opened.
	 * @param session the session
	 */
	void start(Session session) {
		synchronized (this.lock) {
			this.session = session;
		}
		frameHandled();
	}

	/**
	 * Ask for the next frame, now or, while reading is suspended, when it resumes.
	 */
	void frameHandled() {
		Session current;
		synchronized (this.lock) {
			current = this.session;
			if (this.suspended || current == null) {
				this.owed = true;
				return;
			}
		}
		current.demand();
	}

	@Override
	public void suspend() {
		synchronized (this.lock) {
			this.suspended = true;
		}
	}

	@Override
	public void resume() {
		Session current;
		synchronized (this.lock) {
			this.suspended = false;
			current = this.session;
			if (!this.owed || current == null) {
				return;
			}
			this.owed = false;
		}
		current.demand();
	}

}
