package io.fastws.server;

import io.fastws.server.observation.WebSocketMessageMetrics;

/**
 * A {@link FlowControl} that records each time reading from a client is suspended for push-back.
 */
final class CountedSuspensions implements FlowControl {

	private final FlowControl delegate;

	private final WebSocketMessageMetrics.RouteRecorder recorder;

	CountedSuspensions(FlowControl delegate, WebSocketMessageMetrics.RouteRecorder recorder) {
		this.delegate = delegate;
		this.recorder = recorder;
	}

	@Override
	public void suspend() {
		this.recorder.readingSuspended();
		this.delegate.suspend();
	}

	@Override
	public void resume() {
		this.delegate.resume();
	}

}
