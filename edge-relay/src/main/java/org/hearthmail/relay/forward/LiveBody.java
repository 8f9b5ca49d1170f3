package org.hearthmail.relay.forward;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Message content that arrives while it is being sent: the sender's session offers chunks, the
 * mailstore connection pulls them. Returns null while empty (the transfer resumes when a chunk
 * comes); bounded, so a slow mailstore slows the sender instead of filling memory.
 */
final class LiveBody implements ChunkedInput<ByteBuf> {

    private final int capacity;
    private final Runnable resume;
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
    private CompletableFuture<Void> spaceWaiter;
    private boolean ended;
    private boolean closed;
    private long sent;

    /** @param resume called (from any thread) when data or the end arrives */
    LiveBody(int capacity, Runnable resume) {
        this.capacity = capacity;
        this.resume = resume;
    }

    /** Takes ownership of {@code chunk}; completes when there is room for more. */
    CompletableFuture<Void> offer(ByteBuf chunk) {
        CompletableFuture<Void> space;
        synchronized (this) {
            if (closed || ended) {
                chunk.release();
                return CompletableFuture.completedFuture(null);
            }
            queue.add(chunk);
            if (queue.size() < capacity) {
                space = CompletableFuture.completedFuture(null);
            } else {
                if (spaceWaiter == null) {
                    spaceWaiter = new CompletableFuture<>();
                }
                space = spaceWaiter;
            }
        }
        resume.run();
        return space;
    }

    /** All content was offered. */
    void end() {
        synchronized (this) {
            ended = true;
        }
        resume.run();
    }

    @Override
    public synchronized boolean isEndOfInput() {
        return ended && queue.isEmpty();
    }

    @Override
    public void close() {
        CompletableFuture<Void> w;
        synchronized (this) {
            closed = true;
            while (!queue.isEmpty()) {
                queue.poll().release();
            }
            w = spaceWaiter;
            spaceWaiter = null;
        }
        if (w != null) {
            w.complete(null);
        }
    }

    @Override
    @Deprecated
    public ByteBuf readChunk(ChannelHandlerContext ctx) {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) {
        CompletableFuture<Void> w = null;
        ByteBuf b;
        synchronized (this) {
            b = queue.poll();
            if (b != null) {
                sent += b.readableBytes();
                if (queue.size() < capacity && spaceWaiter != null) {
                    w = spaceWaiter;
                    spaceWaiter = null;
                }
            }
        }
        if (w != null) {
            w.complete(null);
        }
        return b;
    }

    @Override
    public long length() {
        return -1;
    }

    @Override
    public synchronized long progress() {
        return sent;
    }
}
