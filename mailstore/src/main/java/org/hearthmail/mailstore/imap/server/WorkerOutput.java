package org.hearthmail.mailstore.imap.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Responses written by a command on its worker thread. Small responses are gathered into 64 KiB
 * chunks and large ones (message bodies) passed on as they are, so a FETCH of many messages hands
 * the event loop a few buffers instead of one per message. Nothing reaches Netty before a flush:
 * every 256 KiB {@link #flush} passes the buffers on (each write from a worker is a task and maybe
 * a wake-up of the event loop), and when the socket's buffer is full the worker (never the event
 * loop) waits until the client has read them. A client that reads nothing for
 * {@link #WRITE_TIMEOUT_MILLIS} is disconnected, so a worker is never held for long. At the end of a
 * command {@link #takeRest} hands the rest to the session, which writes it in the same event-loop
 * task that finishes the command: a short answer costs the event loop one task, not one per
 * buffer plus one for the end. Used by one thread at a time (the session's running command).
 */
final class WorkerOutput {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerOutput.class);
    static final long WRITE_TIMEOUT_MILLIS = 120_000;
    private static final int FLUSH_EVERY = 256 * 1024;
    private static final int CHUNK = 64 * 1024;
    private static final int FIRST_CHUNK = 8 * 1024;
    /** Responses at least this large are not copied into a chunk. */
    private static final int PASS_ON = 16 * 1024;

    private final ChannelHandlerContext ctx;
    private long unflushed;
    private byte[] chunk;
    private int used;
    /** Buffers completed since the last flush, in order; Netty has not seen them yet. */
    private List<ByteBuf> ready = new ArrayList<>(4);

    WorkerOutput(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    void write(byte[] response) {
        if (response.length >= PASS_ON) {
            handOver();
            ready.add(Unpooled.wrappedBuffer(response));
        } else {
            if (chunk == null || used + response.length > chunk.length) {
                // A short answer (most commands) gets a small chunk; a long one grows to full chunks.
                int size = unflushed == 0 ? FIRST_CHUNK : CHUNK;
                handOver();
                chunk = new byte[Math.max(size, response.length)];
            }
            System.arraycopy(response, 0, chunk, used, response.length);
            used += response.length;
        }
        unflushed += response.length;
        if (unflushed > FLUSH_EVERY) {
            flush();
        }
    }

    /** Sends everything written so far; waits (worker thread) while the client does not read. */
    void flush() {
        // Netty counts writes queued from other threads at once, so isWritable() below sees them.
        ChannelFuture f = writeAndFlush(ctx, takeRest());
        if (!ctx.channel().isWritable() && !f.awaitUninterruptibly(WRITE_TIMEOUT_MILLIS)) {
            LOG.debug("IMAP {}: client does not read its responses; closing", ctx.channel().remoteAddress());
            ctx.close();
        }
    }

    /** Writes {@code buffers} in order and flushes; the future is the last write's. Any thread. */
    static ChannelFuture writeAndFlush(ChannelHandlerContext ctx, List<ByteBuf> buffers) {
        if (buffers.isEmpty()) {
            return ctx.writeAndFlush(Unpooled.EMPTY_BUFFER);
        }
        for (int i = 0; i < buffers.size() - 1; i++) {
            ctx.write(buffers.get(i), ctx.voidPromise());
        }
        return ctx.writeAndFlush(buffers.get(buffers.size() - 1));
    }

    /**
     * The buffers written since the last flush, in order, for the caller to write and flush on the
     * event loop; they belong to the caller from then on. Empty when there are none.
     */
    List<ByteBuf> takeRest() {
        handOver();
        unflushed = 0;
        if (ready.isEmpty()) {
            return List.of();
        }
        List<ByteBuf> out = ready;
        ready = new ArrayList<>(4);
        return out;
    }

    /** Closes the chunk being filled; it belongs to the ready list from then on. */
    private void handOver() {
        if (used > 0) {
            ready.add(Unpooled.wrappedBuffer(chunk, 0, used));
        }
        chunk = null;
        used = 0;
    }
}
