package org.hearthmail.mailstore.imap.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Responses written by a command on its worker thread. Small responses are gathered into 64 KiB
 * chunks and large ones (message bodies) passed on as they are, so a FETCH of many messages hands
 * the event loop one write per chunk instead of one per message (each write from a worker is a
 * task and a wake-up of the event loop); the last buffer goes with the flush, so a command with a
 * short answer costs one task. Netty queues the writes in order; every 256 KiB they are
 * flushed, and when the socket's buffer is full the worker (never the event loop) waits until the
 * client has read them. A client that reads nothing for {@link #WRITE_TIMEOUT_MILLIS} is
 * disconnected, so a worker is never held for long. Used by one thread at a time (the session's
 * running command); {@link #flush} must follow the last write.
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
    /** The last buffer passed on, not yet written: it goes with the next write, or with the flush. */
    private ByteBuf held;

    WorkerOutput(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    void write(byte[] response) {
        if (response.length >= PASS_ON) {
            handOver();
            pass(Unpooled.wrappedBuffer(response));
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

    void flush() {
        handOver();
        unflushed = 0;
        // The last buffer travels with the flush: one event-loop task for both.
        ChannelFuture f = ctx.writeAndFlush(held != null ? held : Unpooled.EMPTY_BUFFER);
        held = null;
        if (!ctx.channel().isWritable() && !f.awaitUninterruptibly(WRITE_TIMEOUT_MILLIS)) {
            LOG.debug("IMAP {}: client does not read its responses; closing", ctx.channel().remoteAddress());
            ctx.close();
        }
    }

    /** Passes the gathered bytes on; the chunk belongs to Netty from then on. */
    private void handOver() {
        if (used > 0) {
            pass(Unpooled.wrappedBuffer(chunk, 0, used));
        }
        chunk = null;
        used = 0;
    }

    /** Writes the buffer held so far and holds {@code next} instead, for the next write or the flush. */
    private void pass(ByteBuf next) {
        if (held != null) {
            ctx.write(held);
        }
        held = next;
    }
}
