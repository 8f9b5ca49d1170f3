package org.hearthmail.mailstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.hearthmail.cli.ExitCodes;
import org.hearthmail.mailstore.config.ConfigLoader;
import org.hearthmail.mailstore.config.MailstoreConfig;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.Domain;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
    @TempDir
    Path tmp;

    @Test
    void initCreatesDatabaseDomainConfigAndCertificateWithPrivateModes() throws Exception {
        Path data = tmp.resolve("data");
        CliFixture.Result r = new CliFixture(data).run("init", "--domain", "Example.ORG", "--mx-host", "mx.example.org");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("created a mailstore installation in " + data, "mailstore.toml", "tls-cert.pem",
                "next: mailstore user add postmaster@example.org --data-dir " + data);
        assertThat(r.err()).isEmpty();

        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(data.resolve("keys"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        for (String f : new String[] {"mailstore.toml", "keys/tls-key.pem", "keys/tls-cert.pem", "keys/wireguard.key",
                "keys/spool.key"}) {
            assertThat(Files.getPosixFilePermissions(data.resolve(f))).as(f).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        MailstoreConfig c = ConfigLoader.load(data);
        assertThat(c).isEqualTo(MailstoreConfig.defaults("mx.example.org", "mx.example.org"));
        try (SqliteMailStore s = SqliteMailStore.open(new DataDirectory(data), StoreOptions.defaults())) {
            assertThat(s.domains()).extracting(Domain::name).containsExactly("example.org");
            assertThat(s.integrityCheck()).containsExactly("ok");
        }
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(data.resolve("keys/tls-cert.pem"))));
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=mx.example.org");
        cert.checkValidity();
        assertThat(Files.readString(data.resolve("keys/tls-key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        // The WireGuard key is in wg's own form, and init prints its public half for the relay.
        org.hearthmail.tunnel.keys.WgPrivateKey wg = org.hearthmail.tunnel.keys.WgPrivateKey.fromBase64(
                Files.readString(data.resolve("keys/wireguard.key")).strip());
        assertThat(wg.isClamped()).isTrue();
        assertThat(r.out()).contains("(public key " + wg.publicKey().toBase64() + ")");
        // The spool key opens what the relay seals while the tunnel is down; init prints the public half.
        org.hearthmail.seal.SealPrivateKey spoolKey = org.hearthmail.seal.SealPrivateKey.fromBase64(
                Files.readString(data.resolve("keys/spool.key")).strip());
        assertThat(r.out()).contains("(public key " + spoolKey.publicKey().toBase64() + ", the relay's [spool] mailstore_key)");
    }

    @Test
    void initTakesAnEmptyExistingDirectoryAndAnIdnDomainAndAHostname() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("empty"));
        CliFixture.Result r = new CliFixture(data).run("init", "--domain", "bücher.example", "--mx-host", "mx.bücher.example",
                "--hostname", "home.bücher.example");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("xn--bcher-kva.example (bücher.example)");
        MailstoreConfig c = ConfigLoader.load(data);
        assertThat(c.hostname()).isEqualTo("home.xn--bcher-kva.example");
        assertThat(c.mxHost()).isEqualTo("mx.xn--bcher-kva.example");
        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void initRefusesANonEmptyDirectoryWithExit1AndTouchesNothing() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("used"));
        Files.writeString(data.resolve("precious.txt"), "keep me");
        CliFixture.Result r = new CliFixture(data).run("init", "--domain", "example.org", "--mx-host", "mx.example.org");
        assertThat(r.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(r.err()).isEqualTo("mailstore init: error: data directory " + data
                + " is not empty; refusing to initialise over existing files (choose an empty --data-dir)"
                + System.lineSeparator());
        assertThat(r.out()).isEmpty();
        try (var files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("precious.txt");
        }
    }

    @Test
    void initTwiceRefusesTheSecondTime() {
        CliFixture cli = new CliFixture(tmp.resolve("twice"));
        assertThat(cli.run("init", "--domain", "example.org", "--mx-host", "mx.example.org").exit()).isZero();
        CliFixture.Result again = cli.run("init", "--domain", "example.org", "--mx-host", "mx.example.org");
        assertThat(again.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(again.err()).contains("is not empty");
    }

    @Test
    void initOnAPathThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        CliFixture.Result r = new CliFixture(file).run("init", "--domain", "example.org", "--mx-host", "mx.example.org");
        assertThat(r.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(Files.readString(file)).isEqualTo("x");
    }
}
