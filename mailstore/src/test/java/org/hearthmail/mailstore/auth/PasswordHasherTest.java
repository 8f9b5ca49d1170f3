package org.hearthmail.mailstore.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    static final Argon2Params FAST = new Argon2Params(64, 1, 1);

    /** RFC 9106 §5.3: Argon2id test vector. */
    @Test
    void argon2idMatchesRfc9106TestVector() {
        byte[] password = filled(32, 0x01);
        byte[] salt = filled(16, 0x02);
        byte[] secret = filled(8, 0x03);
        byte[] ad = filled(12, 0x04);
        byte[] tag = Argon2id.system().derive(password, salt, secret, ad, new Argon2Params(32, 3, 4), 32);
        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void hashIsAPhcStringThatVerifiesOnlyTheRightPassword() {
        PasswordHasher h = new PasswordHasher(FAST);
        String phc = h.hash("correct horse".toCharArray());
        assertThat(phc).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
        assertThat(h.verify("correct horse".toCharArray(), phc)).isTrue();
        assertThat(h.verify("correct horsE".toCharArray(), phc)).isFalse();
        assertThat(h.hash("correct horse".toCharArray())).as("fresh salt each time").isNotEqualTo(phc);
    }

    @Test
    void verifyUsesTheParametersInsideTheHashNotTheCurrentOnes() {
        String old = new PasswordHasher(FAST).hash("pw-from-2019".toCharArray());
        PasswordHasher stronger = new PasswordHasher(new Argon2Params(128, 2, 1));
        assertThat(stronger.verify("pw-from-2019".toCharArray(), old)).isTrue();
        assertThat(stronger.needsRehash(old)).isTrue();
        assertThat(new PasswordHasher(FAST).needsRehash(old)).isFalse();
    }

    @Test
    void malformedHashesNeverVerify() {
        PasswordHasher h = new PasswordHasher(FAST);
        assertThat(h.verify("x".toCharArray(), null)).isFalse();
        assertThat(h.verify("x".toCharArray(), "")).isFalse();
        assertThat(h.verify("x".toCharArray(), "$argon2i$v=19$m=64,t=1,p=1$c29tZXNhbHQ$aGFzaGhhc2g")).isFalse();
        assertThat(h.verify("x".toCharArray(), "$argon2id$v=16$m=64,t=1,p=1$c29tZXNhbHQ$aGFzaGhhc2g")).isFalse();
        assertThat(h.needsRehash("{SSHA}abc")).isTrue();
    }

    /** Reference output of the Argon2 reference implementation's CLI (Debian package argon2). */
    @Test
    void verifiesAHashMadeByTheReferenceImplementation() {
        String reference = "$argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Gpj7qOY5RCXJvcMzqcdQqvgR3wcPX7SleI4c9NtXk6E";
        PhcString parsed = PhcString.parse(reference);
        assertThat(parsed.encode()).isEqualTo(reference);
        assertThat(new PasswordHasher(FAST).verify("password".toCharArray(), reference)).isTrue();
    }

    /** Our hashes verify with the reference CLI, run live when installed. */
    @Test
    void referenceImplementationAcceptsOurHash() throws Exception {
        Path argon2 = Path.of("/usr/bin/argon2");
        assumeTrue(Files.isExecutable(argon2), "Debian package argon2 not installed");
        // The CLI takes the salt as an argument, so give the hasher a source of printable salt bytes.
        java.security.SecureRandom printable = new java.security.SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) ('a' + (i * 7) % 26);
                }
            }
        };
        PasswordHasher h = new PasswordHasher(new Argon2Params(256, 2, 2), printable);
        String ours = h.hash("hunter2hunter2".toCharArray());
        PhcString phc = PhcString.parse(ours);
        Process p = new ProcessBuilder(argon2.toString(), new String(phc.salt(), StandardCharsets.ISO_8859_1),
                "-id", "-t", "2", "-k", "256", "-p", "2", "-l", "32", "-e").redirectErrorStream(true).start();
        String out;
        try {
            p.getOutputStream().write("hunter2hunter2".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } finally {
            p.destroyForcibly();
        }
        assertThat(out).isEqualTo(ours);
    }

    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }
}
