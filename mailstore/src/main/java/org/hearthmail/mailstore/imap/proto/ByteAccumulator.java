package org.hearthmail.mailstore.imap.proto;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array for the parser's tokens and literals; shrinks back after a large token. */
final class ByteAccumulator {
    private byte[] data;
    private int size;

    ByteAccumulator() {
        this(64);
    }

    ByteAccumulator(int capacity) {
        data = new byte[Math.max(16, capacity)];
    }

    void add(byte b) {
        ensure(1);
        data[size++] = b;
    }

    void add(ByteBuf in, int n) {
        ensure(n);
        in.readBytes(data, size, n);
        size += n;
    }

    private void ensure(int n) {
        if (size + n > data.length) {
            data = Arrays.copyOf(data, Math.max(size + n, data.length * 2));
        }
    }

    int size() {
        return size;
    }

    /** True when the accumulated bytes are exactly {@code b}. */
    boolean is(byte b) {
        return size == 1 && data[0] == b;
    }

    void clear() {
        size = 0;
        if (data.length > 4096) {
            data = new byte[64];
        }
    }

    byte[] toArray() {
        return Arrays.copyOf(data, size);
    }

    String ascii() {
        return new String(data, 0, size, StandardCharsets.US_ASCII);
    }

    String utf8() {
        return new String(data, 0, size, StandardCharsets.UTF_8);
    }
}
