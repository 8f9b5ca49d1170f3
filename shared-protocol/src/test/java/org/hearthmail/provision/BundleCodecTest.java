package org.hearthmail.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.hearthmail.config.RelayCredentials;
import org.junit.jupiter.api.Test;

class BundleCodecTest {

    private static final char[] PASSPHRASE = "correct horse battery".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    static String key() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    static RelayBundle sample() {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        return new RelayBundle("vps1", "mx.example.org", 10, key(), key(), key(), "10.77.0.1", "10.77.0.2", 24, 51820,
                List.of("example.org", "example.net"), key(), new RelayCredentials("vps1", "s3cret-s3cret-s3cret"),
                Base64.getEncoder().encodeToString(salt),
                "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
                "-----BEGIN PRIVATE KEY-----\nMIIC\n-----END PRIVATE KEY-----\n", "10.77.0.2:10025", "10.77.0.1:2526",
                List.of("0.0.0.0:993=10.77.0.2:2993", "0.0.0.0:587=10.77.0.2:2587"));
    }

    private static String seal(RelayBundle b) {
        return BundleCodec.seal(b, PASSPHRASE, KdfParams.TESTING, RANDOM);
    }

    @Test
    void sealedBundleOpensToTheSameContentWithTheRightPassphrase() {
        RelayBundle b = sample();
        String armoured = seal(b);
        assertThat(armoured).startsWith(BundleCodec.BEGIN).contains(BundleCodec.END);
        assertThat(BundleCodec.open(armoured, PASSPHRASE)).isEqualTo(b);
    }

    @Test
    void armouredTextShowsNoSecret() {
        RelayBundle b = sample();
        String armoured = seal(b);
        assertThat(armoured).doesNotContain(b.relayPrivateKey()).doesNotContain("s3cret").doesNotContain("example.org");
        assertThat(b.toString()).doesNotContain(b.relayPrivateKey()).doesNotContain(b.presharedKey()).doesNotContain("s3cret");
    }

    @Test
    void wrongPassphraseIsReportedAsSuch() {
        String armoured = seal(sample());
        assertThatThrownBy(() -> BundleCodec.open(armoured, "not the passphrase".toCharArray()))
                .isInstanceOf(BundleException.WrongPassphrase.class).hasMessageContaining("wrong passphrase");
    }

    @Test
    void alteredCiphertextIsReportedAsTampered() {
        byte[] raw = raw(seal(sample()));
        raw[raw.length - 20] ^= 1;
        assertThatThrownBy(() -> BundleCodec.open(armour(raw), PASSPHRASE))
                .isInstanceOf(BundleException.Tampered.class).hasMessageContaining("altered");
    }

    @Test
    void alteredKdfParameterInTheHeaderIsDetected() {
        byte[] raw = raw(seal(sample()));
        raw[6 + 3] ^= 1; // low byte of the memory size: still in range, but part of the additional data
        assertThatThrownBy(() -> BundleCodec.open(armour(raw), PASSPHRASE)).isInstanceOf(BundleException.class);
    }

    @Test
    void unknownVersionIsRefusedNamingBothVersions() {
        byte[] raw = raw(seal(sample()));
        raw[4] = 9;
        assertThatThrownBy(() -> BundleCodec.open(armour(raw), PASSPHRASE))
                .isInstanceOf(BundleException.UnsupportedVersion.class).hasMessageContaining("version 9")
                .hasMessageContaining("version 1");
    }

    @Test
    void excessiveKdfCostInAForgedHeaderIsRefusedBeforeAnyWork() {
        byte[] raw = raw(seal(sample()));
        raw[6] = 0x7f; // memory KiB far past the bound
        assertThatThrownBy(() -> BundleCodec.open(armour(raw), PASSPHRASE))
                .isInstanceOf(BundleException.Malformed.class).hasMessageContaining("memory");
    }

    @Test
    void textThatIsNoBundleIsMalformed() {
        assertThatThrownBy(() -> BundleCodec.open("hello", PASSPHRASE)).isInstanceOf(BundleException.Malformed.class);
        assertThatThrownBy(() -> BundleCodec.open(BundleCodec.BEGIN + "\nAAAA\n" + BundleCodec.END, PASSPHRASE))
                .isInstanceOf(BundleException.Malformed.class);
    }

    @Test
    void shortPassphraseIsRefusedWhenSealing() {
        assertThatThrownBy(() -> BundleCodec.seal(sample(), "short".toCharArray(), KdfParams.TESTING, RANDOM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12");
    }

    @Test
    void bundleRefusesAKeyThatIsNot32Bytes() {
        RelayBundle b = sample();
        assertThatThrownBy(() -> new RelayBundle(b.relayName(), b.relayHostname(), b.mxPreference(), "AAAA",
                b.mailstorePublicKey(), b.presharedKey(), b.relayTunnelAddress(), b.mailstoreTunnelAddress(), 24,
                b.listenPort(), b.domains(), b.spoolPublicKey(), b.credentials(), b.recipientCacheSalt(),
                b.tlsCertificatePem(), b.tlsPrivateKeyPem(), b.mailstoreIntake(), b.outboundListen(), b.passthroughRoutes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relayPrivateKey");
    }

    private static byte[] raw(String armoured) {
        String body = armoured.substring(armoured.indexOf('\n') + 1, armoured.indexOf(BundleCodec.END));
        return Base64.getMimeDecoder().decode(body.strip());
    }

    private static String armour(byte[] raw) {
        return BundleCodec.BEGIN + "\n" + Base64.getMimeEncoder().encodeToString(raw) + "\n" + BundleCodec.END + "\n";
    }
}
