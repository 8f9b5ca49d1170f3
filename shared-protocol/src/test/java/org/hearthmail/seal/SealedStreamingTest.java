package org.hearthmail.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The writer and reader hold one segment at a time, whatever the message size. */
class SealedStreamingTest {
    private static final int SEGMENT = 64 * 1024;
    private static final int SEALED_SEGMENT = SEGMENT + SegmentCipher.TAG_LENGTH;
    private final SealPrivateKey key = SealPrivateKey.generate();

    @Test
    void writerEmitsEachSegmentAsSoonAsTheNextByteArrives() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SealedWriter w = SealedWriter.open(out, key.publicKey());
        assertThat(out.size()).as("header at once").isEqualTo(SealHeader.LENGTH);
        w.write(new byte[SEGMENT]);
        assertThat(out.size()).as("a full segment waits: it may be the last").isEqualTo(SealHeader.LENGTH);
        w.write(new byte[3 * SEGMENT + 1]);
        assertThat(out.size()).isEqualTo(SealHeader.LENGTH + 4 * SEALED_SEGMENT);
        w.finish();
        assertThat(out.size()).isEqualTo(SealHeader.LENGTH + 4 * SEALED_SEGMENT + 1 + SegmentCipher.TAG_LENGTH);
    }

    @Test
    void readerReadsAtMostOneSegmentAndOneByteAheadOfWhatItReleased() throws IOException {
        byte[] sealed = Seal.seal(new byte[10 * SEGMENT], key.publicKey(), SEGMENT);
        CountingInput counting = new CountingInput(new ByteArrayInputStream(sealed));
        try (InputStream in = SealedReader.open(counting, key)) {
            long released = 0;
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) != -1) {
                released += n;
                assertThat(counting.count - SealHeader.LENGTH)
                        .isLessThanOrEqualTo((released / SEGMENT + 1) * SEALED_SEGMENT + 1);
            }
            assertThat(released).isEqualTo(10L * SEGMENT);
        }
    }

    @Test
    @Timeout(60)
    void largeMessageStreamsThroughAPipeWithBoundedBuffers() throws Exception {
        long size = 48L * 1024 * 1024 + 12345;
        PipedInputStream pipeIn = new PipedInputStream(SEALED_SEGMENT);
        PipedOutputStream pipeOut = new PipedOutputStream(pipeIn);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<byte[]> written = CompletableFuture.supplyAsync(() -> {
                try (SealedWriter w = SealedWriter.open(pipeOut, key.publicKey())) {
                    return generate(size, w);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool);
            CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = SealedReader.open(pipeIn, key)) {
                    MessageDigest md = MessageDigest.getInstance("SHA-256");
                    byte[] buf = new byte[8192];
                    long total = 0;
                    int n;
                    while ((n = in.read(buf)) != -1) {
                        md.update(buf, 0, n);
                        total += n;
                    }
                    assertThat(total).isEqualTo(size);
                    return md.digest();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool);
            assertThat(read.get(60, TimeUnit.SECONDS)).isEqualTo(written.get(60, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Writes {@code size} pseudo-random bytes in odd-sized chunks; returns their SHA-256. */
    private static byte[] generate(long size, OutputStream out) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        java.util.Random random = new java.util.Random(42);
        byte[] chunk = new byte[10_007];
        long left = size;
        while (left > 0) {
            int n = (int) Math.min(chunk.length, left);
            random.nextBytes(chunk);
            out.write(chunk, 0, n);
            md.update(chunk, 0, n);
            left -= n;
        }
        return md.digest();
    }

    private static final class CountingInput extends FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
