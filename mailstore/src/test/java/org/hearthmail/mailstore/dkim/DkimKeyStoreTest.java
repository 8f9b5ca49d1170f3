package org.hearthmail.mailstore.dkim;

import org.hearthmail.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hearthmail.dkim.DkimAlgorithm;
import org.hearthmail.dkim.DkimKeyRecord;
import org.hearthmail.dkim.DkimSigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DkimKeyStoreTest {

    @TempDir
    Path keys;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));

    @Test
    void firstSelectorIsMadeOnDemandWithBothKeysOwnerOnly() throws Exception {
        DkimKeyStore store = DkimKeyStore.in(keys, clock);
        assertThat(store.active()).isEmpty();
        DkimSelector s = store.ensureActive();
        assertThat(s.name()).isEqualTo("hm20250301");
        assertThat(store.ensureActive()).as("idempotent").isEqualTo(s);
        Path dir = keys.resolve("dkim");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        for (String f : List.of("hm20250301.ed25519.pem", "hm20250301.rsa.pem", "selectors")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f)))).as(f).isEqualTo("rw-------");
        }
        assertThat(Files.readString(dir.resolve("hm20250301.rsa.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void signingKeysAreEd25519AndRsa2048UnderTheirOwnDnsSelectors() throws Exception {
        DkimKeyStore store = DkimKeyStore.in(keys, clock);
        store.ensureActive();
        List<DkimSigningKey> k = store.signingKeys("Example.Test");
        assertThat(k).extracting(DkimSigningKey::algorithm).containsExactly(DkimAlgorithm.ED25519_SHA256, DkimAlgorithm.RSA_SHA256);
        assertThat(k).extracting(DkimSigningKey::selector).containsExactly("hm20250301-ed25519", "hm20250301-rsa");
        assertThat(k).extracting(DkimSigningKey::domain).containsOnly("example.test");
        List<DkimKeyStore.TxtRecord> txt = store.txtRecords(store.active().orElseThrow());
        assertThat(txt.get(0).name("example.test")).isEqualTo("hm20250301-ed25519._domainkey.example.test");
        assertThat(DkimKeyRecord.parse(txt.get(0).text()).publicKey()).hasSize(32);
        DkimKeyRecord rsa = DkimKeyRecord.parse(txt.get(1).text());
        assertThat(rsa.keyType()).isEqualTo("rsa");
        assertThat(((java.security.interfaces.RSAPublicKey) org.hearthmail.dkim.DkimKeys.publicKeyFromRecord("rsa",
                rsa.publicKey())).getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void rotationKeepsTheOldSelectorPublishedForTheGracePeriodThenRemovesIt() throws Exception {
        DkimKeyStore store = DkimKeyStore.in(keys, clock);
        DkimSelector first = store.ensureActive();
        DkimKeyStore.Rotation r = store.rotate(Duration.ofDays(7));
        assertThat(r.created().name()).as("second rotation the same day gets a suffix").isEqualTo("hm20250301b");
        assertThat(r.retired().orElseThrow().name()).isEqualTo(first.name());
        assertThat(store.active().orElseThrow().name()).isEqualTo("hm20250301b");
        assertThat(store.published()).extracting(DkimSelector::name).containsExactly("hm20250301", "hm20250301b");
        assertThat(store.signingKeys("example.test").get(0).selector()).isEqualTo("hm20250301b-ed25519");

        clock.advance(Duration.ofDays(8));
        assertThat(store.published()).extracting(DkimSelector::name).containsExactly("hm20250301b");
        DkimKeyStore.Rotation r2 = store.rotate(Duration.ofDays(7));
        assertThat(r2.removed()).extracting(DkimSelector::name).containsExactly("hm20250301");
        assertThat(keys.resolve("dkim/hm20250301.ed25519.pem")).doesNotExist();
        assertThat(keys.resolve("dkim/hm20250301.rsa.pem")).doesNotExist();
        assertThat(store.selectors()).extracting(DkimSelector::name).containsExactly("hm20250301b", "hm20250309");
    }

    @Test
    void aSecondStoreOnTheSameDirectorySeesARotation() {
        DkimKeyStore running = DkimKeyStore.in(keys, clock);
        running.ensureActive();
        DkimKeyStore cli = DkimKeyStore.in(keys, clock);
        cli.rotate(Duration.ofDays(1));
        assertThat(running.signingKeys("example.test").get(1).selector()).isEqualTo("hm20250301b-rsa");
    }

    @Test
    void withoutAnActiveSelectorSigningFailsWithAClearMessage() {
        assertThatThrownBy(() -> DkimKeyStore.in(keys, clock).signingKeys("example.test"))
                .isInstanceOf(DkimStoreException.class).hasMessageContaining("mailstore dkim rotate");
    }

    @Test
    void aDamagedStateFileIsReportedWithItsLine() throws Exception {
        Files.createDirectories(keys.resolve("dkim"));
        Files.writeString(keys.resolve("dkim/selectors"), "# c\nhm1 yesterday\n");
        assertThatThrownBy(() -> DkimKeyStore.in(keys, clock).selectors())
                .isInstanceOf(DkimStoreException.class).hasMessageContaining("line 2");
    }
}
