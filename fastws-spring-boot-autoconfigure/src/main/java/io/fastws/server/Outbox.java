package io.fastws.server;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import io.fastws.CloseCodes;
import io.fastws.OutboundMessage;
import io.fastws.server.observation.WebSocketMessageMetrics;
import io.fastws.server.observation.WebSocketMessageMetrics.MessageType;
import io.fastws.WebSocketDisconnect;
import org.jspecify.annotations.Nullable;

/**
 * The messages on their way to one client, written one at a time and in the order they were queued.
 *
 * <p>A thread that sends and waits writes the queue itself when no one else is writing it; a message
 * queued without waiting is written by a writer thread, so that a broadcaster never waits on a slow
 * client. A client that falls behind by more than the buffer limit is closed with
 * {@link CloseCodes#WS_1013_TRY_AGAIN_LATER}; a write that takes longer than the send time limit, as its
 * {@link SendDeadline} notices, closes it with {@link CloseCodes#WS_1008_POLICY_VIOLATION}. Either way every
 * message still queued fails, and so does every later one, with a {@link WebSocketDisconnect} of that code as
 * its cause, so that senders learn the client is gone and why. The message being written is not cut short:
 * the close frame follows it, and a thread writing it waits until the client has taken it or the
 * connection is dropped.
 */
final class Outbox {

	private static final String SEND_BUFFER_LIMIT_EXCEEDED = "Send buffer limit exceeded";

	private static final String SEND_TIME_LIMIT_EXCEEDED = "Send time limit exceeded";

	private final ContainerSession session;

	private final long bufferLimit;

	private final Executor writer;

	private final SendDeadline deadline;

	private final Object lock = new Object();

	private final ArrayDeque<Entry> queue = new ArrayDeque<>();

	private long bufferedBytes;

	private boolean writing;

	private @Nullable IOException failure;

	private @Nullable IOException closing;

	private final WebSocketMessageMetrics.RouteRecorder recorder;

	private volatile long written;

	/**
	 * {@link #WRITE_IN_PROGRESS} while a message is being written, then what is to run once it has been
	 * counted, if anything; {@code null} between writes.
	 */
	private final AtomicReference<@Nullable Object> writeInProgress = new AtomicReference<>();

	private static final Object WRITE_IN_PROGRESS = new Object();

	private volatile boolean cutOff;

	Outbox(ContainerSession session, long bufferLimit, Duration sendTimeLimit, Executor writer,
			WebSocketMessageMetrics.RouteRecorder recorder) {
		this.session = session;
		this.bufferLimit = bufferLimit;
		this.writer = writer;
		this.recorder = recorder;
		this.deadline = new SendDeadline(sendTimeLimit, this::sendTimeLimitExceeded);
	}

	/**
	 * Send a message and wait until it is written.
	 * @param message a text, binary or close message
	 * @throws IOException if the client is gone or over its limits
	 */
	void send(OutboundMessage message) throws IOException {
		if (claimIdle()) {
			writeDirectly(message);
			return;
		}
		Entry entry = new Entry(message, sizeOf(message), new CompletableFuture<>());
		if (enqueue(entry)) {
			writeQueue();
		}
		try {
			entry.done().get();
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof IOException io) ? io : new IOException(ex.getCause());
		}
		catch (InterruptedException ex) {
			// such as at the end of the shutdown timeout: the message stays queued, the handler stops waiting
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while waiting for the message to be written", ex);
		}
	}

	/**
	 * Queue a message without waiting.
	 * @param message a text, binary or close message
	 * @return the future of the write, failed with an {@link IOException} if the client is gone or over its
	 * limits
	 */
	CompletableFuture<Void> sendAsync(OutboundMessage message) {
		Entry entry = new Entry(message, sizeOf(message), new CompletableFuture<>());
		if (enqueue(entry)) {
			startWriter();
		}
		return entry.done();
	}

	/**
	 * Close the connection in the background, after the message still on its way if there is one, failing
	 * every message still queued and every later one with the given code.
	 * @param closeCode the close code
	 * @param reason the close reason
	 */
	void abandon(int closeCode, String reason) {
		giveUp(closedWith(closeCode, reason, "The connection was closed: " + reason), closeCode, reason, false);
	}

	private void sendTimeLimitExceeded() {
		giveUp(closedWith(CloseCodes.WS_1008_POLICY_VIOLATION, SEND_TIME_LIMIT_EXCEEDED,
				"Sending to the client took longer than the send time limit"), CloseCodes.WS_1008_POLICY_VIOLATION,
				SEND_TIME_LIMIT_EXCEEDED, true);
	}

	private void giveUp(IOException cause, int closeCode, String reason, boolean sendLimit) {
		List<Entry> failed;
		IOException failure;
		synchronized (this.lock) {
			if (this.failure != null) {
				return;
			}
			this.cutOff = sendLimit;
			failed = abort(cause, closeCode, reason);
			failure = this.failure;
		}
		failed.forEach((queued) -> queued.done().completeExceptionally(failure));
	}

	/**
	 * Close the connection once the messages queued so far are written, failing every later one with the
	 * given code.
	 * @param closeCode the close code
	 * @param reason the close reason
	 * @return the future of the close frame's write, complete at once if the connection was closed already
	 */
	CompletableFuture<Void> closeAfterQueued(int closeCode, String reason) {
		Entry entry = new Entry(new OutboundMessage.Close(closeCode, reason), 0, new CompletableFuture<>());
		boolean startWriting;
		synchronized (this.lock) {
			if (this.failure != null || this.closing != null) {
				return CompletableFuture.completedFuture(null);
			}
			this.queue.add(entry);
			this.closing = closedWith(closeCode, reason, "The connection is closing: " + reason);
			startWriting = !this.writing;
			this.writing = true;
		}
		if (startWriting) {
			startWriter();
		}
		return entry.done();
	}

	/**
	 * Return the failure of a send to a connection closed with a known code, which the handler sees as a
	 * {@link io.fastws.WebSocketDisconnect} with that code.
	 */
	private static IOException closedWith(int closeCode, String reason, String message) {
		return new IOException(message, new WebSocketDisconnect(closeCode, reason));
	}

	/**
	 * Claim the writer role if no one writes and nothing waits, so that the common case of one thread
	 * sending and waiting needs no queue entry.
	 */
	private boolean claimIdle() {
		synchronized (this.lock) {
			if (this.writing || this.failure != null || this.closing != null || !this.queue.isEmpty()) {
				return false;
			}
			this.writing = true;
			return true;
		}
	}

	private void writeDirectly(OutboundMessage message) throws IOException {
		Exception error = null;
		try {
			write(message);
		}
		catch (IOException | RuntimeException ex) {
			error = ex;
		}
		IOException failure = (error != null || message instanceof OutboundMessage.Close) ? settle(message, error)
				: null;
		release();
		if (failure != null) {
			throw failure;
		}
	}

	/**
	 * Give up the writer role, writing whatever was queued meanwhile first.
	 */
	private void release() {
		synchronized (this.lock) {
			if (this.queue.isEmpty() || this.failure != null) {
				this.writing = false;
				return;
			}
		}
		writeQueue();
	}

	/**
	 * Queue an entry, or fail it at once.
	 * @return whether the caller must start writing the queue
	 */
	private boolean enqueue(Entry entry) {
		List<Entry> overflowed = List.of();
		IOException failed;
		boolean startWriting = false;
		synchronized (this.lock) {
			if (this.failure == null && this.closing == null && this.bufferedBytes > 0
					&& this.bufferedBytes + entry.size() > this.bufferLimit) {
				this.cutOff = true;
				overflowed = abort(closedWith(CloseCodes.WS_1013_TRY_AGAIN_LATER, SEND_BUFFER_LIMIT_EXCEEDED,
						"The client fell more than " + this.bufferLimit + " bytes behind"),
						CloseCodes.WS_1013_TRY_AGAIN_LATER, SEND_BUFFER_LIMIT_EXCEEDED);
			}
			failed = (this.failure != null) ? this.failure : this.closing;
			if (failed == null) {
				this.queue.add(entry);
				this.bufferedBytes += entry.size();
				startWriting = !this.writing;
				this.writing = true;
			}
		}
		if (failed != null) {
			overflowed.forEach((queued) -> queued.done().completeExceptionally(failed));
			entry.done().completeExceptionally(failed);
		}
		return startWriting;
	}

	private void writeQueue() {
		while (true) {
			Entry entry;
			synchronized (this.lock) {
				entry = this.queue.peek();
				if (entry == null || this.failure != null) {
					this.writing = false;
					return;
				}
			}
			try {
				write(entry.message());
				finish(entry, null);
			}
			catch (IOException | RuntimeException ex) {
				finish(entry, ex);
			}
		}
	}

	/**
	 * Return how many text and binary messages were written to the client.
	 * @return the number of messages
	 */
	long written() {
		return this.written;
	}

	/**
	 * Return whether the connection was closed because the client fell behind the send buffer limit or the
	 * send time limit.
	 * @return {@code true} once a send limit has cut the client off
	 */
	boolean isCutOff() {
		return this.cutOff;
	}

	private void write(OutboundMessage message) throws IOException {
		if (message instanceof OutboundMessage.SendText || message instanceof OutboundMessage.SendBytes) {
			this.writeInProgress.set(WRITE_IN_PROGRESS);
			try {
				writeData(message);
			}
			finally {
				if (this.writeInProgress.getAndSet(null) instanceof Runnable afterWrite) {
					afterWrite.run();
				}
			}
		}
		else if (message instanceof OutboundMessage.Close close) {
			this.session.close(close.code(), close.reason());
		}
		else {
			throw new IOException("Unexpected message after the handshake: " + message.type());
		}
	}

	private void writeData(OutboundMessage message) throws IOException {
		this.deadline.writeStarted();
		try {
			if (message instanceof OutboundMessage.SendText text) {
				this.session.sendText(text.text());
			}
			else {
				this.session.sendBinary(ByteBuffer.wrap(((OutboundMessage.SendBytes) message).bytes()));
			}
		}
		finally {
			this.deadline.writeEnded();
		}
		this.written++;
		if (message instanceof OutboundMessage.SendText text) {
			this.recorder.sent(MessageType.TEXT, text.text().length());
		}
		else {
			this.recorder.sent(MessageType.BINARY, ((OutboundMessage.SendBytes) message).bytes().length);
		}
	}

	/**
	 * Run the given action once the message being written, if any, has been written and counted or has
	 * failed: a container may report the connection closed before the writer learns that its last frame
	 * went out.
	 * @param action what to run, on the calling thread or on the writer's
	 */
	void afterWriteInProgress(Runnable action) {
		if (!this.writeInProgress.compareAndSet(WRITE_IN_PROGRESS, action)) {
			action.run();
		}
	}

	private void finish(Entry entry, Exception error) {
		synchronized (this.lock) {
			if (this.queue.peek() == entry) {
				this.queue.poll();
				this.bufferedBytes -= entry.size();
			}
		}
		IOException failure = settle(entry.message(), error);
		if (failure == null) {
			entry.done().complete(null);
		}
		else {
			entry.done().completeExceptionally(failure);
		}
	}

	/**
	 * Record the outcome of one write: a failed write fails the outbox (closing the client with 1008 if it
	 * took too long), a written close ends it; either way the messages still queued fail. A write given up on
	 * because the outbox failed meanwhile reports that failure.
	 * @return the failure to report for this write, or {@code null} if it succeeded
	 */
	private IOException settle(OutboundMessage message, Exception error) {
		List<Entry> failed = List.of();
		IOException failure = null;
		IOException reason;
		synchronized (this.lock) {
			if (error != null && this.failure != null) {
				failure = this.failure;
			}
			else if (error != null) {
				failure = isTimeout(error)
						? closedWith(CloseCodes.WS_1008_POLICY_VIOLATION, SEND_TIME_LIMIT_EXCEEDED,
								"Sending to the client took longer than the send time limit")
						: new IOException("Sending to the client failed", error);
				if (failure.getCause() != error) {
					failure.addSuppressed(error);
				}
				this.cutOff |= isTimeout(error);
				failed = abort(failure, isTimeout(error) ? CloseCodes.WS_1008_POLICY_VIOLATION : 0,
						SEND_TIME_LIMIT_EXCEEDED);
			}
			else if (message instanceof OutboundMessage.Close && this.failure == null) {
				this.failure = (this.closing != null) ? this.closing : new IOException("The connection was closed");
				failed = drainQueue();
			}
			reason = this.failure;
		}
		failed.forEach((queued) -> queued.done().completeExceptionally(reason));
		return failure;
	}

	private static boolean isTimeout(Throwable error) {
		for (Throwable current = error; current != null; current = current.getCause()) {
			if (current instanceof SocketTimeoutException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Fail this outbox and close the session with the given code in the background. Called with the lock;
	 * the caller fails the returned entries once it has released it.
	 */
	private List<Entry> abort(IOException cause, int closeCode, String reason) {
		this.failure = cause;
		List<Entry> failed = drainQueue();
		if (closeCode != 0) {
			try {
				this.writer.execute(() -> {
					try {
						this.session.close(closeCode, reason);
					}
					catch (IOException | RuntimeException ex) {
						// the container drops the connection itself
					}
				});
			}
			catch (RejectedExecutionException ex) {
				// the writers have shut down with the application, whose container closes the connection
			}
		}
		return failed;
	}

	/**
	 * Have a writer thread write the queue; if none is left, because the application has shut down, fail
	 * what is queued rather than leave its senders waiting.
	 */
	private void startWriter() {
		try {
			this.writer.execute(this::writeQueue);
		}
		catch (RejectedExecutionException ex) {
			List<Entry> failed;
			IOException failure;
			synchronized (this.lock) {
				this.writing = false;
				if (this.failure == null) {
					this.failure = new IOException("No writer thread is left to write to the client", ex);
				}
				failed = drainQueue();
				failure = this.failure;
			}
			failed.forEach((queued) -> queued.done().completeExceptionally(failure));
		}
	}

	private List<Entry> drainQueue() {
		List<Entry> drained = new ArrayList<>(this.queue);
		this.queue.clear();
		this.bufferedBytes = 0;
		return drained;
	}

	private static long sizeOf(OutboundMessage message) {
		if (message instanceof OutboundMessage.SendText text) {
			return text.text().length();
		}
		if (message instanceof OutboundMessage.SendBytes bytes) {
			return bytes.bytes().length;
		}
		return 0;
	}

	private record Entry(OutboundMessage message, long size, CompletableFuture<Void> done) {

	}

}
