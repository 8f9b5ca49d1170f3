package org.hearthmail.testsupport;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * Unpooled allocator that remembers every buffer it hands out (inputs fed by a test and everything
 * the pipeline allocates), so a test can assert that each one was released exactly.
 */
public final class TrackingAllocator extends AbstractByteBufAllocator {

    private final List<ByteBuf> allocated = new ArrayList<>();

    public TrackingAllocator() {
        super(false);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        ByteBuf buf = Unpooled.buffer(initialCapacity, maxCapacity);
        allocated.add(buf);
        return buf;
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        ByteBuf buf = Unpooled.directBuffer(initialCapacity, maxCapacity);
        allocated.add(buf);
        return buf;
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    /** A tracked heap buffer holding exactly {@code bytes}. */
    public ByteBuf copyOf(byte[] bytes, int from, int length) {
        ByteBuf buf = heapBuffer(length, length);
        buf.writeBytes(bytes, from, length);
        return buf;
    }

    public List<ByteBuf> unreleased() {
        return allocated.stream().filter(b -> b.refCnt() != 0).toList();
    }

    /** A tracked heap buffer holding {@code bytes}. */
    public ByteBuf track(byte[] bytes) {
        return copyOf(bytes, 0, bytes.length);
    }

    public int count() {
        return allocated.size();
    }
}
