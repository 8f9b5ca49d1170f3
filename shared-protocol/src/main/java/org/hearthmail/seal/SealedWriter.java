package org.hearthmail.seal;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * Seals a stream to an X25519 public key, one fixed-size segment at a time: memory use is one
 * segment whatever the message size, and ciphertext reaches the underlying stream as soon as a
 * segment is full (the header at once).
 *
 * <p>A full segment is only emitted when the next byte arrives, so the last segment written on
 * {@link #finish()} is the one flagged final, even when the message is an exact multiple of the
 * segment size; an empty message is one empty final segment. {@link #flush()} pushes completed
 * segments down but never cuts a short one. Not thread-safe.
 */
public final class SealedWriter extends OutputStream {
    private final OutputStream out;
    private final SegmentCipher cipher;
    private final byte[] plain;
    private final byte[] sealed;
    private int used;
    private long counter;
    private boolean finished;
    private boolean broken;

    private SealedWriter(OutputStream out, SegmentCipher cipher, int segmentSize) {
        this.out = out;
        this.cipher = cipher;
        this.plain = new byte[segmentSize];
        this.sealed = new byte[segmentSize + SegmentCipher.TAG_LENGTH];
    }

    /** Seals with 64 KiB segments and a fresh ephemeral key; writes the header immediately. */
    public static SealedWriter open(OutputStream out, SealPublicKey recipient) throws IOException {
        return open(out, recipient, SealHeader.DEFAULT_SEGMENT_SIZE);
    }

    /**
     * @param segmentSize plaintext bytes per segment, 64 B to 1 MiB
     * @throws IllegalArgumentException when the recipient key is a low-order point (RFC 7748 §6.1
     *         all-zero check) or the segment size is out of range
     */
    public static SealedWriter open(OutputStream out, SealPublicKey recipient, int segmentSize) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(recipient, "recipient");
        SealHeader.checkSegmentSize(segmentSize);
        X25519PrivateKeyParameters ephemeral = new X25519PrivateKeyParameters(new SecureRandom());
        byte[] header = new SealHeader(SealHeader.VERSION, segmentSize,
                ephemeral.generatePublicKey().getEncoded()).encode();
        SegmentCipher cipher;
        try {
            cipher = SegmentCipher.derive(ephemeral, recipient.bytes(), header, recipient.bytes());
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("the recipient public key is a low-order point; refusing to seal to it");
        }
        out.write(header);
        return new SealedWriter(out, cipher, segmentSize);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        checkOpen();
        while (len > 0) {
            if (used == plain.length) {
                // More data follows, so the buffered full segment is not the last one.
                emit(false);
            }
            int n = Math.min(len, plain.length - used);
            System.arraycopy(b, off, plain, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    /** Flushes completed segments only; the buffered tail stays until more data or {@link #finish()}. */
    @Override
    public void flush() throws IOException {
        checkOpen();
        out.flush();
    }

    /**
     * Writes the final segment and flushes, leaving the underlying stream open (so a file can be
     * fsynced next). Idempotent. After it, writes fail.
     */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        checkOpen();
        emit(true);
        finished = true;
        out.flush();
    }

    /** {@link #finish()}, then closes the underlying stream. */
    @Override
    public void close() throws IOException {
        try {
            if (!broken) {
                finish();
            }
        } finally {
            out.close();
        }
    }

    private void emit(boolean last) throws IOException {
        int n = cipher.seal(counter++, last, plain, 0, used, sealed);
        used = 0;
        try {
            out.write(sealed, 0, n);
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    private void checkOpen() throws IOException {
        if (broken) {
            throw new IOException("sealed stream is unusable after an earlier write failure");
        }
        if (finished) {
            throw new IOException("sealed stream already finished");
        }
    }
}
