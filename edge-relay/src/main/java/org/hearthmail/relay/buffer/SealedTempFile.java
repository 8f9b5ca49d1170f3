package org.hearthmail.relay.buffer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One message's content, encrypted on the way to disk and decrypted on the way back. Written once,
 * sequentially, then read (possibly more than once). Not thread-safe: one writer at a time.
 */
public final class SealedTempFile implements AutoCloseable {

    static final String PREFIX = "msg-";
    static final String SUFFIX = ".tmp";
    private static final String TRANSFORMATION = "AES/CTR/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path path;
    private final byte[] key = new byte[32];
    private final byte[] iv = new byte[16];
    private OutputStream out;
    private long size;
    private boolean deleted;

    private SealedTempFile(Path path) {
        this.path = path;
    }

    /** Creates an empty file in {@code dir} with a fresh key (disk work: not on an event loop). */
    public static SealedTempFile create(Path dir) throws IOException {
        Path p = Files.createTempFile(dir, PREFIX, SUFFIX,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        SealedTempFile f = new SealedTempFile(p);
        RANDOM.nextBytes(f.key);
        RANDOM.nextBytes(f.iv);
        try {
            f.out = new CipherOutputStream(new BufferedOutputStream(Files.newOutputStream(p), 64 * 1024),
                    f.cipher(Cipher.ENCRYPT_MODE));
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
        return f;
    }

    public void write(byte[] b, int off, int len) throws IOException {
        if (out == null) {
            throw new IOException("temp file " + path.getFileName() + " is closed for writing");
        }
        out.write(b, off, len);
        size += len;
    }

    /** Flushes and closes the writing side; the content is readable from now on. */
    public void finishWriting() throws IOException {
        if (out != null) {
            OutputStream o = out;
            out = null;
            o.close();
        }
    }

    /**
     * The plaintext, decrypted as it is read: a read of n octets decrypts up to n octets of the file
     * in one step (the JDK's CipherInputStream hands out at most 512 octets per read). The caller
     * closes the stream.
     */
    public InputStream open() throws IOException {
        if (deleted || out != null) {
            throw new IOException("temp file " + path.getFileName() + " is not readable now");
        }
        return new DecryptingStream(Files.newInputStream(path), cipher(Cipher.DECRYPT_MODE));
    }

    /** Plaintext octets written. */
    public long size() {
        return size;
    }

    public Path path() {
        return path;
    }

    private Cipher cipher(int mode) throws IOException {
        try {
            Cipher c = Cipher.getInstance(TRANSFORMATION);
            c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return c;
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime has AES/CTR (JCA standard names); this means a broken JDK.
            throw new IOException("AES-256-CTR is not available: " + e.getMessage(), e);
        }
    }

    /** Deletes the file and forgets the key. Idempotent. */
    @Override
    public void close() throws IOException {
        if (deleted) {
            return;
        }
        deleted = true;
        try {
            if (out != null) {
                out.close();
                out = null;
            }
        } finally {
            Arrays.fill(key, (byte) 0);
            Files.deleteIfExists(path);
        }
    }

    /** CTR is a stream mode: each ciphertext octet read gives one plaintext octet at once. */
    private static final class DecryptingStream extends InputStream {
        private static final int BLOCK = 64 * 1024;
        private final InputStream in;
        private final Cipher cipher;
        private final byte[] scratch = new byte[BLOCK];

        DecryptingStream(InputStream in, Cipher cipher) {
            this.in = in;
            this.cipher = cipher;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            int n = in.read(scratch, 0, Math.min(len, BLOCK));
            if (n <= 0) {
                return n;
            }
            try {
                int m = cipher.update(scratch, 0, n, b, off);
                if (m != n) {
                    throw new IOException("AES-CTR returned " + m + " octets for " + n);
                }
            } catch (javax.crypto.ShortBufferException e) {
                throw new IOException("AES-CTR output buffer too short", e);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
