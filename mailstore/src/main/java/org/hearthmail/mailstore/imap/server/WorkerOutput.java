package org.hearthmail.mailstore.imap.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Responses written by a command on its worker thread. Netty queues the writes to the event loop
 * in order; every 256 KiB they are flushed, and when the socket's buffer is full the worker (never
 * the event loop) waits until the client has read them. A client that reads nothing for
 * {@link #WRITE_TIMEOUT_MILLIS} is disconnected, so a worker is never held for long.
 */
final class WorkerOutput {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerOutput.class);
    static final long WRITE_TIMEOUT_MILLIS = 120_000;
    private static final int FLUSH_EVERY = 256 * 1024;

    private final ChannelHandlerContext ctx;
    private long unflushed;

    WorkerOutput(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    void write(byte[] response) {
        ctx.write(Unpooled.wrappedBuffer(response));
        unflushed += response.length;
        if (unflushed > FLUSH_EVERY) {
            flush();
        }
    }

    void flush() {
        unflushed = 0;
        ChannelFuture f = ctx.writeAndFlush(Unpooled.EMPTY_BUFFER);
        if (!ctx.channel().isWritable() && !f.awaitUninterruptibly(WRITE_TIMEOUT_MILLIS)) {
            LOG.debug("IMAP {}: client does not read its responses; closing", ctx.channel().remoteAddress());
            ctx.close();
        }
    }
}
