package org.hearthmail.seal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Opens a stream sealed by {@link SealedWriter}, one segment at a time: it reads at most one
 * segment plus one byte ahead of what it has handed out, and releases a segment's plaintext only
 * after its tag verified.
 *
 * <p>Because plaintext is released segment by segment, a caller has the whole, authentic message
 * only once {@link #read} returned -1 without throwing: a stream cut at a segment boundary fails at
 * the end (the last segment present was not sealed as final), not at the start. Consumers must
 * therefore write what they read somewhere provisional and commit only after end of stream.
 * Not thread-safe.
 */
public final class SealedReader extends InputStream {
    private final InputStream in;
    private final SegmentCipher cipher;
    private final byte[] sealed;
    private final byte[] plain;
    private int carried = -1;
    private int pos;
    private int limit;
    private long counter;
    private boolean finalSeen;
    private SealException failure;

    private SealedReader(InputStream in, SegmentCipher cipher, int segmentSize) {
        this.in = in;
        this.cipher = cipher;
        this.sealed = new byte[segmentSize + SegmentCipher.TAG_LENGTH];
        this.plain = new byte[segmentSize];
    }

    /**
     * Reads and checks the header and derives the key; the first segment is read on first use.
     *
     * @throws SealFormatException    when the header is not one this code writes
     * @throws SealIntegrityException when the ephemeral key in the header is a low-order point
     */
    public static SealedReader open(InputStream in, SealPrivateKey key) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(key, "key");
        SealHeader header = SealHeader.read(in);
        SegmentCipher cipher;
        try {
            cipher = SegmentCipher.derive(key.parameters(), header.ephemeralPublicKey(), header.encode(),
                    key.publicKey().bytes());
        } catch (IllegalStateException e) {
            throw new SealIntegrityException("sealed stream carries a low-order ephemeral key");
        }
        return new SealedReader(in, cipher, header.segmentSize());
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (pos == limit) {
            if (failure != null) {
                throw failure;
            }
            if (finalSeen) {
                return -1;
            }
            nextSegment();
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(plain, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return limit - pos;
    }

    @Override
    public void close() throws IOException {
        Arrays.fill(plain, (byte) 0);
        pos = limit = 0;
        finalSeen = true;
        in.close();
    }

    private void nextSegment() throws IOException {
        int filled = 0;
        if (carried >= 0) {
            sealed[filled++] = (byte) carried;
            carried = -1;
        }
        filled += in.readNBytes(sealed, filled, sealed.length - filled);
        boolean last;
        if (filled < sealed.length) {
            // A short segment can only be the final one.
            last = true;
        } else {
            // A full segment is final exactly when nothing follows it.
            int next = in.read();
            last = next == -1;
            carried = next;
        }
        try {
            if (filled < SegmentCipher.TAG_LENGTH) {
                throw new SealIntegrityException("sealed stream truncated: it ends before its final segment");
            }
            limit = cipher.open(counter++, last, sealed, filled, plain);
        } catch (SealIntegrityException e) {
            // The AEAD wrote unverified plaintext into the buffer: wipe it, and keep failing.
            Arrays.fill(plain, (byte) 0);
            failure = e;
            throw e;
        }
        pos = 0;
        finalSeen = last;
    }
}
