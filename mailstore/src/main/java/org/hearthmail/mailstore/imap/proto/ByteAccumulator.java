package org.hearthmail.mailstore.imap.proto;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array for the parser's tokens and literals; shrinks back after a large token. */
final class ByteAccumulator {
    /** A literal's buffer starts at most this large, so an announced size alone does not allocate it. */
    private static final int FIRST_LITERAL_CHUNK = 64 * 1024;
    private byte[] data;
    private int size;
    /** Never grows past this (a literal's announced size), so a full literal fills its array exactly. */
    private final int ceiling;

    ByteAccumulator() {
        this(64);
    }

    ByteAccumulator(int capacity) {
        this(Math.max(16, capacity), Integer.MAX_VALUE);
    }

    private ByteAccumulator(int capacity, int ceiling) {
        this.data = new byte[capacity];
        this.ceiling = ceiling;
    }

    /**
     * For a literal of {@code size} octets (already checked against the limits): starts small and
     * grows towards exactly {@code size}, so that {@link #take} hands the array over uncopied.
     */
    static ByteAccumulator forLiteral(long size) {
        int exact = (int) Math.min(size, Integer.MAX_VALUE - 16);
        return new ByteAccumulator(Math.min(exact, FIRST_LITERAL_CHUNK), exact);
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
            long doubled = Math.max(size + n, (long) data.length * 2);
            data = Arrays.copyOf(data, (int) Math.max(size + n, Math.min(doubled, ceiling)));
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

    /** The bytes, uncopied when they fill the array exactly; the accumulator must not be used after. */
    byte[] take() {
        byte[] out = size == data.length ? data : Arrays.copyOf(data, size);
        data = null;
        return out;
    }

    String ascii() {
        return new String(data, 0, size, StandardCharsets.US_ASCII);
    }

    String utf8() {
        return new String(data, 0, size, StandardCharsets.UTF_8);
    }
}
