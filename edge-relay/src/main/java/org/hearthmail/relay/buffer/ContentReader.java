package org.hearthmail.relay.buffer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Message content for a Netty channel: a prefix, the content, a suffix (see {@link ContentBuffer#reader}). */
final class ContentReader implements ChunkedInput<ByteBuf> {

    private final byte[] prefix;
    private final List<byte[]> memory;
    private final InputStream stream;
    private final byte[] suffix;
    private final int chunkSize;
    private boolean prefixSent;
    private boolean streamDone;
    private boolean done;
    private long progress;

    private ContentReader(byte[] prefix, List<byte[]> memory, InputStream stream, byte[] suffix, int chunkSize) {
        this.prefix = prefix;
        this.memory = memory;
        this.stream = stream;
        this.suffix = suffix;
        this.chunkSize = chunkSize;
    }

    static ContentReader ofMemory(byte[] prefix, List<byte[]> chunks, byte[] suffix) {
        return new ContentReader(prefix, chunks, null, suffix, 0);
    }

    static ContentReader ofStream(byte[] prefix, InputStream in, byte[] suffix, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be positive, was " + chunkSize);
        }
        return new ContentReader(prefix, null, in, suffix, chunkSize);
    }

    @Override
    public boolean isEndOfInput() {
        return done;
    }

    @Override
    @Deprecated
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws Exception {
        return readChunk(ctx.alloc());
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator alloc) throws IOException {
        if (done) {
            return null;
        }
        List<byte[]> parts = new ArrayList<>(memory == null ? 3 : memory.size() + 2);
        if (!prefixSent) {
            prefixSent = true;
            parts.add(prefix);
        }
        if (memory != null) {
            parts.addAll(memory);
            streamDone = true;
        } else if (!streamDone) {
            byte[] block = new byte[chunkSize];
            int n = stream.readNBytes(block, 0, chunkSize);
            if (n < chunkSize) {
                streamDone = true;
                block = java.util.Arrays.copyOf(block, n);
            }
            parts.add(block);
        }
        if (streamDone) {
            parts.add(suffix);
            done = true;
        }
        ByteBuf chunk = Unpooled.wrappedBuffer(parts.stream().filter(p -> p.length > 0).toArray(byte[][]::new));
        progress += chunk.readableBytes();
        return chunk;
    }

    @Override
    public long length() {
        return -1;
    }

    @Override
    public long progress() {
        return progress;
    }

    @Override
    public void close() throws IOException {
        done = true;
        if (stream != null) {
            stream.close();
        }
    }
}
