package org.hearthmail.mailstore.intake;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Carries message content from the event loop (producer, never blocks) to a delivery thread
 * (consumer, reads an {@link InputStream}). At most {@code capacity} chunks wait in between; past
 * that the producer's future stays incomplete until the consumer catches up, which stops the
 * session from reading more (back-pressure).
 */
final class ChunkPipe extends InputStream {

    private final int capacity;
    private final long readTimeoutNanos;
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
    private CompletableFuture<Void> spaceWaiter;
    private boolean closed;
    private boolean aborted;
    private ByteBuf current;

    ChunkPipe(int capacity, long readTimeoutMillis) {
        this.capacity = capacity;
        this.readTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(readTimeoutMillis);
    }

    /** Hands over a chunk (ownership passes). Never blocks; see {@link #space(boolean)}. */
    synchronized void offer(ByteBuf chunk) {
        if (aborted || closed) {
            chunk.release();
            return;
        }
        queue.add(chunk);
        notifyAll();
    }

    /**
     * Completes when the reader has room for more. With {@code unbounded} it completes at once
     * (used before the reader has started, so that the producer cannot wait for a reader that
     * waits for it).
     */
    synchronized CompletableFuture<Void> space(boolean unbounded) {
        if (unbounded || aborted || queue.size() < capacity) {
            return CompletableFuture.completedFuture(null);
        }
        if (spaceWaiter == null) {
            spaceWaiter = new CompletableFuture<>();
        }
        return spaceWaiter;
    }

    /** No more content: the reader sees end of stream once the queue is drained. */
    synchronized void end() {
        closed = true;
        notifyAll();
    }

    /** The message is abandoned: the reader gets an IOException, queued chunks are released. */
    synchronized void abort() {
        aborted = true;
        releaseAll();
        notifyAll();
        wakeProducer();
    }

    private void releaseAll() {
        while (!queue.isEmpty()) {
            queue.poll().release();
        }
        if (current != null) {
            current.release();
            current = null;
        }
    }

    private void wakeProducer() {
        if (spaceWaiter != null) {
            CompletableFuture<Void> w = spaceWaiter;
            spaceWaiter = null;
            w.complete(null);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        long deadline = System.nanoTime() + readTimeoutNanos;
        while (current == null || !current.isReadable()) {
            if (current != null) {
                current.release();
                current = null;
            }
            if (aborted) {
                throw new IOException("message abandoned by the client");
            }
            if (!queue.isEmpty()) {
                current = queue.poll();
                if (queue.size() < capacity) {
                    wakeProducer();
                }
                continue;
            }
            if (closed) {
                return -1;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException("no message content for too long");
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for message content");
            }
        }
        int n = Math.min(len, current.readableBytes());
        current.readBytes(b, off, n);
        return n;
    }

    @Override
    public synchronized void close() throws IOException {
        // The consumer's close: it stopped reading; nothing more will be taken.
        if (!closed) {
            abort();
        } else {
            releaseAll();
        }
    }
}
