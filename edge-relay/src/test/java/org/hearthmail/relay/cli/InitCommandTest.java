package org.hearthmail.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.hearthmail.cli.ExitCodes;
import org.hearthmail.config.RelayCredentials;
import org.hearthmail.provision.BundleCodec;
import org.hearthmail.provision.KdfParams;
import org.hearthmail.provision.RelayBundle;
import org.hearthmail.relay.config.RelayConfig;
import org.hearthmail.relay.config.RelayConfigLoader;
import org.hearthmail.relay.config.RelayTomlWriter;
import org.hearthmail.seal.SealPrivateKey;
import org.hearthmail.tls.PemText;
import org.hearthmail.tls.SelfSignedCertificates;
import org.hearthmail.tunnel.keys.WgPresharedKey;
import org.hearthmail.tunnel.keys.WgPrivateKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
    private static final String PASSPHRASE = "relay init passphrase";

    @TempDir
    Path tmp;
    private Path bundleFile;
    private Path passFile;
    private RelayBundle bundle;

    @BeforeEach
    void makeBundle() throws Exception {
        byte[] salt = new byte[32];
        new SecureRandom().nextBytes(salt);
        SelfSignedCertificates.KeyAndCertificate kc = SelfSignedCertificates.create("mx.example.org", Duration.ofDays(1));
        bundle = new RelayBundle("vps1", "mx.example.org", 10, WgPrivateKey.generate().toBase64(),
                WgPrivateKey.generate().publicKey().toBase64(), WgPresharedKey.generate().toBase64(), "10.77.0.1", "10.77.0.2",
                24, 51820, List.of("example.org"), SealPrivateKey.generate().publicKey().toBase64(),
                new RelayCredentials("vps1", "outbound-secret-0123456789"), Base64.getEncoder().encodeToString(salt),
                PemText.of(kc.certificate()), PemText.of(kc.privateKey()), "10.77.0.2:10025", "10.77.0.1:2526",
                List.of("0.0.0.0:993=10.77.0.2:2993", "0.0.0.0:465=10.77.0.2:2465", "0.0.0.0:587=10.77.0.2:2587"));
        bundleFile = Files.writeString(tmp.resolve("relay.bundle"),
                BundleCodec.seal(bundle, PASSPHRASE.toCharArray(), KdfParams.TESTING, new SecureRandom()));
        passFile = Files.writeString(tmp.resolve("pass"), PASSPHRASE + "\n");
    }

    private EdgeRelayCommandTest.Result init(Path data, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("init", "--bundle", bundleFile.toString(), "--passphrase-file",
                passFile.toString(), "--data-dir", data.toString()));
        args.addAll(List.of(extra));
        return EdgeRelayCommandTest.run(args.toArray(String[]::new));
    }

    @Test
    void initWritesARelayTomlThatRunAcceptsWithTunnelSpoolOutboundAndPassThrough() throws Exception {
        Path data = tmp.resolve("relay");
        EdgeRelayCommandTest.Result r = init(data, "--interface", "hmtest0");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("relay vps1 set up").contains("UDP port 51820");

        RelayConfig c = RelayConfigLoader.load(data);
        assertThat(c.hostname()).isEqualTo("mx.example.org");
        assertThat(c.domains()).containsExactly("example.org");
        assertThat(c.mailstore().intake().toString()).isEqualTo("10.77.0.2:10025");
        assertThat(c.outbound().listen().orElseThrow().toString()).isEqualTo("10.77.0.1:2526");
        assertThat(c.outbound().certificate()).isPresent();
        assertThat(c.passthrough().routes()).hasSize(3);
        assertThat(c.spool().mailstoreKey().orElseThrow().toBase64()).isEqualTo(bundle.spoolPublicKey());
        assertThat(Base64.getEncoder().encodeToString(c.spool().recipientCacheSalt().orElseThrow()))
                .isEqualTo(bundle.recipientCacheSalt());
        RelayConfig.Tunnel t = c.tunnel().orElseThrow();
        assertThat(t.interfaceName()).isEqualTo("hmtest0");
        assertThat(t.address()).isEqualTo("10.77.0.1/24");
        assertThat(t.listenPort()).isEqualTo(51820);
        assertThat(t.mailstorePublicKey()).isEqualTo(bundle.mailstorePublicKey());
        assertThat(Files.readString(data.resolve(t.privateKey())).strip()).isEqualTo(bundle.relayPrivateKey());
        assertThat(RelayCredentials.read(c.outbound().credentialsIn(data))).isEqualTo(bundle.credentials());

        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        for (String f : RelayTomlWriter.KEY_FILES) {
            assertThat(Files.getPosixFilePermissions(data.resolve(f))).as(f).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(Files.readString(data.resolve("keys/tls-cert.pem"))).as("own MX certificate, not the pinned one")
                .isNotEqualTo(bundle.tlsCertificatePem());
    }

    @Test
    void existingDataDirectoryIsRefusedWithoutForceAndReplacedWithIt() {
        Path data = tmp.resolve("relay");
        assertThat(init(data).exit()).isZero();
        EdgeRelayCommandTest.Result again = init(data);
        assertThat(again.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(again.err()).contains("already holds a relay").contains("--force");
        assertThat(init(data, "--force").exit()).isZero();
    }

    @Test
    void wrongPassphraseNamesTheBundleAndSaysSo() throws Exception {
        Files.writeString(passFile, "not the right passphrase\n");
        EdgeRelayCommandTest.Result r = init(tmp.resolve("relay"));
        assertThat(r.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(r.err()).contains("--bundle " + bundleFile).contains("wrong passphrase").doesNotContain("\tat ");
        assertThat(tmp.resolve("relay/relay.toml")).doesNotExist();
    }

    @Test
    void damagedBundleIsReportedAsAltered() throws Exception {
        String text = Files.readString(bundleFile);
        int mid = text.indexOf('\n', text.length() / 2) - 3;
        char c = text.charAt(mid);
        Files.writeString(bundleFile, text.substring(0, mid) + (c == 'A' ? 'B' : 'A') + text.substring(mid + 1));
        EdgeRelayCommandTest.Result r = init(tmp.resolve("relay"));
        assertThat(r.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(r.err()).contains("--bundle").contains("altered");
    }
}
