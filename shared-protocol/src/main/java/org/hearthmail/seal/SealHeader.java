package org.hearthmail.seal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The clear header of a sealed stream: {@code "HMSEAL" | version (1 byte) | segment size (u32 BE)
 * | ephemeral X25519 public key (32 bytes)}, 43 bytes. It is not encrypted but it is bound to the
 * content: all of it goes into the HKDF info, so changing any header byte changes the key and the
 * first segment then fails authentication.
 */
record SealHeader(int version, int segmentSize, byte[] ephemeralPublicKey) {
    static final byte[] MAGIC = {'H', 'M', 'S', 'E', 'A', 'L'};
    static final int VERSION = 1;
    static final int LENGTH = MAGIC.length + 1 + 4 + SealPublicKey.LENGTH;
    /** Large enough to amortise the 16-byte tag, small enough that buffering one is cheap. */
    static final int DEFAULT_SEGMENT_SIZE = 64 * 1024;
    static final int MIN_SEGMENT_SIZE = 64;
    /** A reader allocates one segment; refusing larger ones bounds what a hostile header costs. */
    static final int MAX_SEGMENT_SIZE = 1024 * 1024;

    SealHeader {
        ephemeralPublicKey = ephemeralPublicKey.clone();
    }

    static void checkSegmentSize(int segmentSize) {
        if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
            throw new IllegalArgumentException("segment size must be between " + MIN_SEGMENT_SIZE + " and "
                    + MAX_SEGMENT_SIZE + " bytes, got " + segmentSize);
        }
    }

    byte[] encode() {
        return ByteBuffer.allocate(LENGTH).put(MAGIC).put((byte) version).putInt(segmentSize)
                .put(ephemeralPublicKey).array();
    }

    static SealHeader read(InputStream in) throws IOException {
        byte[] raw = in.readNBytes(LENGTH);
        if (raw.length < LENGTH) {
            throw new SealFormatException("not a sealed stream: " + raw.length + " bytes, shorter than the "
                    + LENGTH + "-byte header");
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        byte[] magic = new byte[MAGIC.length];
        b.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new SealFormatException("not a sealed stream: bad magic");
        }
        int version = b.get() & 0xff;
        if (version != VERSION) {
            throw new SealFormatException("unsupported sealed stream version " + version + " (this build reads "
                    + VERSION + ")");
        }
        int segmentSize = b.getInt();
        if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
            throw new SealFormatException("sealed stream declares segment size " + Integer.toUnsignedString(segmentSize)
                    + ", outside " + MIN_SEGMENT_SIZE + ".." + MAX_SEGMENT_SIZE);
        }
        byte[] ephemeral = new byte[SealPublicKey.LENGTH];
        b.get(ephemeral);
        return new SealHeader(version, segmentSize, ephemeral);
    }
}
