package org.hearthmail.seal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Random;

/** Test helpers: seal and open byte arrays. */
final class Seal {
    static final int SMALL_SEGMENT = 256;

    private Seal() {
    }

    static byte[] seal(byte[] plain, SealPublicKey key, int segmentSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SealedWriter w = SealedWriter.open(out, key, segmentSize)) {
            w.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] open(byte[] sealed, SealPrivateKey key) throws IOException {
        try (InputStream in = SealedReader.open(new java.io.ByteArrayInputStream(sealed), key)) {
            return in.readAllBytes();
        }
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
