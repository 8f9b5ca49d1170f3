package org.hearthmail.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hearthmail.seal.Seal.SMALL_SEGMENT;
import static org.hearthmail.seal.Seal.open;
import static org.hearthmail.seal.Seal.random;
import static org.hearthmail.seal.Seal.seal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SealedStreamTest {
    private static final int HEADER = SealHeader.LENGTH;
    private static final int TAG = SegmentCipher.TAG_LENGTH;
    private final SealPrivateKey key = SealPrivateKey.generate();
    private final SealPublicKey pub = key.publicKey();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 255, 256, 257, 511, 512, 513, 10_000})
    void roundTripRestoresEveryLength(int length) throws IOException {
        byte[] plain = random(length, length);
        assertThat(open(seal(plain, pub, SMALL_SEGMENT), key)).isEqualTo(plain);
    }

    @Test
    void roundTripWithDefaultSegmentsAndByteWiseWrites() throws IOException {
        byte[] plain = random(200_000, 7);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SealedWriter w = SealedWriter.open(out, pub)) {
            for (byte b : Arrays.copyOf(plain, 1000)) {
                w.write(b);
            }
            w.write(plain, 1000, plain.length - 1000);
        }
        try (InputStream in = SealedReader.open(new ByteArrayInputStream(out.toByteArray()), key)) {
            assertThat(in.read()).isEqualTo(plain[0] & 0xff);
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(plain, 1, plain.length));
        }
    }

    @Test
    void emptyMessageIsOneEmptyFinalSegmentAndOpensToNothing() throws IOException {
        byte[] sealed = seal(new byte[0], pub, SMALL_SEGMENT);
        assertThat(sealed).hasSize(HEADER + TAG);
        assertThat(open(sealed, key)).isEmpty();
    }

    @Test
    void exactMultipleOfSegmentSizeHasNoExtraEmptySegment() throws IOException {
        byte[] plain = random(3 * SMALL_SEGMENT, 3);
        byte[] sealed = seal(plain, pub, SMALL_SEGMENT);
        assertThat(sealed).hasSize(HEADER + 3 * (SMALL_SEGMENT + TAG));
        assertThat(open(sealed, key)).isEqualTo(plain);
    }

    @Test
    void sameMessageSealsDifferentlyEachTime() {
        byte[] plain = random(100, 1);
        assertThat(seal(plain, pub, SMALL_SEGMENT)).isNotEqualTo(seal(plain, pub, SMALL_SEGMENT));
    }

    @Test
    void plaintextDoesNotAppearInSealedBytes() {
        byte[] plain = "From: alice@example.org\r\nTo: bob@example.org\r\n\r\nsecret".repeat(20).getBytes();
        String sealed = new String(seal(plain, pub, SMALL_SEGMENT), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(sealed).doesNotContain("alice").doesNotContain("secret");
    }

    @Test
    void wrongPrivateKeyFailsIntegrity() {
        byte[] sealed = seal(random(1000, 2), pub, SMALL_SEGMENT);
        assertThatThrownBy(() -> open(sealed, SealPrivateKey.generate()))
                .isInstanceOf(SealIntegrityException.class)
                .hasMessageContaining("another key");
    }

    @Test
    void flippingAnyHeaderByteIsDetected() {
        byte[] sealed = seal(random(600, 4), pub, SMALL_SEGMENT);
        for (int i = 0; i < HEADER; i++) {
            byte[] bad = sealed.clone();
            bad[i] ^= 0x01;
            int at = i;
            assertThatThrownBy(() -> open(bad, key)).as("header byte %d", at).isInstanceOf(SealException.class);
        }
    }

    @Test
    void flippingMagicOrVersionIsAFormatError() {
        byte[] sealed = seal(random(10, 4), pub, SMALL_SEGMENT);
        byte[] badMagic = sealed.clone();
        badMagic[0] = 'X';
        assertThatThrownBy(() -> open(badMagic, key)).isInstanceOf(SealFormatException.class).hasMessageContaining("magic");
        byte[] badVersion = sealed.clone();
        badVersion[6] = 2;
        assertThatThrownBy(() -> open(badVersion, key)).isInstanceOf(SealFormatException.class).hasMessageContaining("version 2");
    }

    @Test
    void hostileSegmentSizeIsRefusedBeforeAllocating() {
        byte[] sealed = seal(random(10, 4), pub, SMALL_SEGMENT);
        sealed[7] = 0x7f;
        assertThatThrownBy(() -> open(sealed, key)).isInstanceOf(SealFormatException.class).hasMessageContaining("segment size");
    }

    @Test
    void flippingAnyCiphertextOrTagByteIsDetected() {
        // Three segments: two full, one short final; every byte after the header, ciphertext and tags alike.
        byte[] sealed = seal(random(2 * SMALL_SEGMENT + 50, 5), pub, SMALL_SEGMENT);
        for (int i = HEADER; i < sealed.length; i++) {
            byte[] bad = sealed.clone();
            bad[i] ^= (byte) 0x80;
            int at = i;
            assertThatThrownBy(() -> open(bad, key)).as("byte %d", at).isInstanceOf(SealIntegrityException.class);
        }
    }

    @Test
    void truncationAtEveryLengthIsDetected() {
        byte[] sealed = seal(random(2 * SMALL_SEGMENT, 6), pub, SMALL_SEGMENT);
        for (int len = 0; len < sealed.length; len++) {
            byte[] cut = Arrays.copyOf(sealed, len);
            int at = len;
            assertThatThrownBy(() -> open(cut, key)).as("cut at %d", at).isInstanceOf(SealException.class);
        }
    }

    @Test
    void truncationAtASegmentBoundaryFailsAtTheEndAfterReleasingOnlyVerifiedSegments() throws IOException {
        byte[] plain = random(3 * SMALL_SEGMENT, 8);
        byte[] sealed = seal(plain, pub, SMALL_SEGMENT);
        byte[] cut = Arrays.copyOf(sealed, HEADER + 2 * (SMALL_SEGMENT + TAG));
        try (InputStream in = SealedReader.open(new ByteArrayInputStream(cut), key)) {
            assertThat(in.readNBytes(SMALL_SEGMENT)).isEqualTo(Arrays.copyOf(plain, SMALL_SEGMENT));
            assertThatThrownBy(in::read).isInstanceOf(SealIntegrityException.class);
            assertThatThrownBy(in::read).as("stays failed").isInstanceOf(SealIntegrityException.class);
        }
    }

    @Test
    void appendedBytesAreDetected() {
        for (byte[] sealed : new byte[][] {seal(random(300, 9), pub, SMALL_SEGMENT),
                seal(random(2 * SMALL_SEGMENT, 9), pub, SMALL_SEGMENT)}) {
            byte[] longer = Arrays.copyOf(sealed, sealed.length + 1);
            assertThatThrownBy(() -> open(longer, key)).isInstanceOf(SealIntegrityException.class);
        }
    }

    @Test
    void swappedSegmentsAreDetected() {
        byte[] sealed = seal(random(3 * SMALL_SEGMENT, 10), pub, SMALL_SEGMENT);
        int seg = SMALL_SEGMENT + TAG;
        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, HEADER + seg, swapped, HEADER, seg);
        System.arraycopy(sealed, HEADER, swapped, HEADER + seg, seg);
        assertThatThrownBy(() -> open(swapped, key)).isInstanceOf(SealIntegrityException.class);
    }

    @Test
    void droppedMiddleSegmentIsDetected() {
        byte[] sealed = seal(random(3 * SMALL_SEGMENT, 11), pub, SMALL_SEGMENT);
        int seg = SMALL_SEGMENT + TAG;
        byte[] dropped = new byte[sealed.length - seg];
        System.arraycopy(sealed, 0, dropped, 0, HEADER + seg);
        System.arraycopy(sealed, HEADER + 2 * seg, dropped, HEADER + seg, seg);
        assertThatThrownBy(() -> open(dropped, key)).isInstanceOf(SealIntegrityException.class);
    }

    @Test
    void lowOrderRecipientKeyIsRefused() {
        assertThatThrownBy(() -> SealedWriter.open(new ByteArrayOutputStream(), SealPublicKey.fromBytes(new byte[32])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("low-order");
    }

    @Test
    void lowOrderEphemeralKeyInHeaderIsAnIntegrityError() {
        byte[] sealed = seal(random(10, 12), pub, SMALL_SEGMENT);
        Arrays.fill(sealed, 11, HEADER, (byte) 0);
        assertThatThrownBy(() -> open(sealed, key)).isInstanceOf(SealIntegrityException.class);
    }

    @Test
    void writesAfterFinishFailAndFinishIsIdempotent() throws IOException {
        SealedWriter w = SealedWriter.open(new ByteArrayOutputStream(), pub, SMALL_SEGMENT);
        w.finish();
        w.finish();
        assertThatThrownBy(() -> w.write(1)).isInstanceOf(IOException.class).hasMessageContaining("finished");
    }

    @Test
    void privateKeyToStringDoesNotRevealTheKey() {
        assertThat(key.toString()).contains("redacted").doesNotContain(key.toBase64());
    }
}
