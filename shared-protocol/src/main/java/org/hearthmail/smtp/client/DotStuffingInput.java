package org.hearthmail.smtp.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;

/**
 * A {@link ChunkedInput} that reads message content from another one and yields it dot-stuffed
 * with the final {@code .CRLF}. {@code ChunkedWriteHandler} pulls chunks only while the channel is
 * writable, so the whole body is never in memory.
 */
final class DotStuffingInput implements ChunkedInput<ByteBuf> {

    private final ChunkedInput<ByteBuf> source;
    private final DotStuffer stuffer = new DotStuffer();
    private boolean done;
    private long produced;

    DotStuffingInput(ChunkedInput<ByteBuf> source) {
        this.source = source;
    }

    @Override
    public boolean isEndOfInput() {
        return done;
    }

    @Override
    public void close() throws Exception {
        source.close();
    }

    @Override
    @Deprecated
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws Exception {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator alloc) throws Exception {
        if (done) {
            return null;
        }
        ByteBuf in = source.isEndOfInput() ? null : source.readChunk(alloc);
        ByteBuf out;
        if (in != null) {
            out = stuffer.encode(in, alloc);
        } else if (source.isEndOfInput()) {
            done = true;
            out = stuffer.finish(alloc);
        } else {
            return null; // source has nothing yet; ChunkedWriteHandler retries on resumeTransfer
        }
        produced += out.readableBytes();
        return out;
    }

    @Override
    public long length() {
        return -1;
    }

    @Override
    public long progress() {
        return produced;
    }
}
