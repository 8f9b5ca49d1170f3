package org.hearthmail.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/** Unpooled allocator that remembers every buffer it hands out, so a test can check all were released. */
final class TrackingAllocator extends AbstractByteBufAllocator {

    private final List<ByteBuf> allocated = new ArrayList<>();

    TrackingAllocator() {
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

    ByteBuf track(byte[] bytes) {
        ByteBuf buf = heapBuffer(bytes.length);
        buf.writeBytes(bytes);
        return buf;
    }

    List<ByteBuf> unreleased() {
        return allocated.stream().filter(b -> b.refCnt() != 0).toList();
    }
}
