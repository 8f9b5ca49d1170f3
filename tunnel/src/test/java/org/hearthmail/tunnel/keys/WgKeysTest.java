package org.hearthmail.tunnel.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.SecureRandom;
import java.util.List;
import org.hearthmail.tunnel.testbed.Cmd;
import org.junit.jupiter.api.Test;

class WgKeysTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static void assumeWg() {
        assumeTrue(Cmd.available("wg"), "wg (Debian package wireguard-tools) is not installed");
    }

    @Test
    void publicKeyEqualsWgPubkeyForGeneratedKeys() {
        assumeWg();
        for (int i = 0; i < 8; i++) {
            WgPrivateKey key = WgPrivateKey.generate(RANDOM);
            String wg = Cmd.run(List.of("wg", "pubkey"), key.toBase64() + "\n").strip();
            assertThat(key.publicKey().toBase64()).isEqualTo(wg);
        }
    }

    @Test
    void publicKeyEqualsWgPubkeyForUnclampedPrivateKeys() {
        assumeWg();
        for (int i = 0; i < 4; i++) {
            byte[] raw = new byte[32];
            RANDOM.nextBytes(raw);
            raw[0] |= 7;
            raw[31] |= (byte) 0x80;
            WgPrivateKey key = WgPrivateKey.fromBytes(raw);
            assertThat(key.isClamped()).isFalse();
            String wg = Cmd.run(List.of("wg", "pubkey"), key.toBase64() + "\n").strip();
            assertThat(key.publicKey().toBase64()).isEqualTo(wg);
        }
    }

    @Test
    void wgGenkeyOutputParsesAndIsClamped() {
        assumeWg();
        String text = Cmd.run("wg", "genkey");
        WgPrivateKey key = WgPrivateKey.fromBase64(text);
        assertThat(key.isClamped()).isTrue();
        assertThat(key.toBase64()).isEqualTo(text.strip());
        String wg = Cmd.run(List.of("wg", "pubkey"), text).strip();
        assertThat(WgPublicKey.fromBase64(wg)).isEqualTo(key.publicKey());
    }

    @Test
    void wgGenpskOutputParses() {
        assumeWg();
        String text = Cmd.run("wg", "genpsk");
        assertThat(WgPresharedKey.fromBase64(text).toBase64()).isEqualTo(text.strip());
    }

    @Test
    void generatedKeysAreClampedLikeWgGenkey() {
        for (int i = 0; i < 64; i++) {
            byte[] k = WgPrivateKey.generate(RANDOM).bytes();
            assertThat(k[0] & 7).isZero();
            assertThat(k[31] & 0x80).isZero();
            assertThat(k[31] & 0x40).isEqualTo(0x40);
        }
    }

    @Test
    void rfc7748TestVectorAliceGivesKnownPublicKey() {
        // RFC 7748 §6.1: Alice's private key and public key.
        WgPrivateKey alice = WgPrivateKey.fromHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        assertThat(alice.publicKey().toHex())
                .isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    }

    @Test
    void hexAndBase64FormsRoundTrip() {
        WgPresharedKey psk = WgPresharedKey.generate(RANDOM);
        assertThat(WgPresharedKey.fromHex(psk.toHex())).isEqualTo(psk);
        assertThat(WgPresharedKey.fromBase64(psk.toBase64())).isEqualTo(psk);
        WgPublicKey pub = WgPrivateKey.generate(RANDOM).publicKey();
        assertThat(WgPublicKey.fromHex(pub.toHex())).isEqualTo(pub);
    }

    @Test
    void malformedKeysAreRejectedWithoutEchoingTheText() {
        String secretish = "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0";
        assertThatThrownBy(() -> WgPrivateKey.fromBase64(secretish))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("44 characters")
                .hasMessageNotContaining(secretish);
        assertThatThrownBy(() -> WgPublicKey.fromBase64("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!="))
                .isInstanceOf(KeyFormatException.class).hasMessageContaining("base64");
        assertThatThrownBy(() -> WgPresharedKey.fromHex("zz"))
                .isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> WgPublicKey.fromBytes(new byte[31]))
                .isInstanceOf(KeyFormatException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void secretsNeverAppearInToString() {
        WgPrivateKey key = WgPrivateKey.generate(RANDOM);
        WgPresharedKey psk = WgPresharedKey.generate(RANDOM);
        assertThat(key.toString()).doesNotContain(key.toBase64()).doesNotContain(key.toHex())
                .contains(key.publicKey().toBase64());
        assertThat(psk.toString()).doesNotContain(psk.toBase64()).doesNotContain(psk.toHex());
    }
}
