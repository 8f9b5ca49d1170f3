package org.hearthmail.mailstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import org.hearthmail.cli.ExitCodes;
import org.hearthmail.mailstore.config.ConfigLoader;
import org.hearthmail.mailstore.config.MailstoreConfig;
import org.hearthmail.mailstore.relays.OutboundRelays;
import org.hearthmail.mailstore.relays.RelayRegistration;
import org.hearthmail.mailstore.relays.RelayRegistry;
import org.hearthmail.provision.BundleCodec;
import org.hearthmail.provision.RelayBundle;
import org.hearthmail.tunnel.keys.WgPrivateKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayBundleCommandTest {
    private static final String PASSPHRASE = "a long enough passphrase";

    @TempDir
    Path tmp;
    private Path data;
    private CliFixture cli;
    private Path passFile;

    @BeforeEach
    void init() throws Exception {
        data = tmp.resolve("data");
        cli = new CliFixture(data);
        assertThat(cli.run("init", "--domain", "example.org", "--mx-host", "mx.example.org").exit()).isZero();
        passFile = Files.writeString(tmp.resolve("pass"), PASSPHRASE + "\n");
    }

    private RelayBundle bundle(String... args) throws Exception {
        Path out = tmp.resolve("bundle-" + System.nanoTime());
        String[] all = new String[args.length + 6];
        all[0] = "relay";
        all[1] = "bundle";
        System.arraycopy(args, 0, all, 2, args.length);
        all[args.length + 2] = "--passphrase-file";
        all[args.length + 3] = passFile.toString();
        all[args.length + 4] = "--output";
        all[args.length + 5] = out.toString();
        CliFixture.Result r = cli.run(all);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).as("stdout stays empty with --output").isEmpty();
        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        return BundleCodec.open(Files.readString(out), PASSPHRASE.toCharArray());
    }

    @Test
    void firstBundleCarriesTheKeysAndMovesTheMailstoreOntoTheTunnel() throws Exception {
        RelayBundle b = bundle("--endpoint", "203.0.113.10:51820");

        assertThat(b.relayName()).isEqualTo("vps1");
        assertThat(b.relayHostname()).isEqualTo("mx.example.org");
        assertThat(b.mxPreference()).isEqualTo(10);
        assertThat(b.relayTunnelAddress()).isEqualTo("10.77.0.1");
        assertThat(b.mailstoreTunnelAddress()).isEqualTo("10.77.0.2");
        assertThat(b.listenPort()).isEqualTo(51820);
        assertThat(b.domains()).containsExactly("example.org");
        assertThat(b.mailstorePublicKey()).isEqualTo(WgPrivateKey.fromBase64(
                Files.readString(data.resolve("keys/wireguard.key")).strip()).publicKey().toBase64());
        assertThat(b.mailstoreIntake()).isEqualTo("10.77.0.2:10025");
        assertThat(b.outboundListen()).isEqualTo("10.77.0.1:2526");
        assertThat(b.passthroughRoutes()).containsExactly("0.0.0.0:993=10.77.0.2:2993", "0.0.0.0:465=10.77.0.2:2465",
                "0.0.0.0:587=10.77.0.2:2587");

        MailstoreConfig c = ConfigLoader.load(data);
        assertThat(c.tunnel()).contains(MailstoreConfig.Tunnel.DEFAULT);
        assertThat(c.intake().listen().toString()).isEqualTo("10.77.0.2:10025");
        assertThat(c.intake().relayAddresses().contains(java.net.InetAddress.getByName("10.77.0.1"))).isTrue();
        assertThat(c.imap().proxyFrom().contains(java.net.InetAddress.getByName("10.77.0.1"))).isTrue();
        assertThat(c.relay().outbound().toString()).isEqualTo("10.77.0.1:2526");
        assertThat(c.relay().tlsFingerprint()).isEqualTo(fingerprint(b.tlsCertificatePem()));
        assertThat(org.hearthmail.config.RelayCredentials.read(c.relay().credentialsIn(data))).isEqualTo(b.credentials());

        RelayRegistration reg = new RelayRegistry(data).find("vps1").orElseThrow();
        assertThat(reg.endpointHost()).isEqualTo("203.0.113.10");
        assertThat(reg.publicAddresses()).extracting(java.net.InetAddress::getHostAddress).containsExactly("203.0.113.10");
        assertThat(reg.wireguardPublicKey()).isEqualTo(WgPrivateKey.fromBase64(b.relayPrivateKey()).publicKey().toBase64());
        assertThat(Files.readString(data.resolve("keys/relays/vps1.psk")).strip()).isEqualTo(b.presharedKey());
        assertThat(Files.getPosixFilePermissions(data.resolve("keys/relays/vps1.psk")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(data.resolve("keys/recipient-cache.salt")).strip()).isEqualTo(b.recipientCacheSalt());
    }

    @Test
    void secondRelayGetsItsOwnAddressAndPreferenceWhileTheFirstKeepsTheHandoff() throws Exception {
        RelayBundle first = bundle("--endpoint", "203.0.113.10:51820");
        RelayBundle second = bundle("--endpoint", "198.51.100.20:51820", "--name", "vps2", "--mx-host", "mx2.example.org",
                "--preference", "20");

        assertThat(second.relayTunnelAddress()).isEqualTo("10.77.0.3");
        assertThat(second.mailstoreTunnelAddress()).isEqualTo("10.77.0.2");
        assertThat(second.mxPreference()).isEqualTo(20);
        assertThat(second.relayPrivateKey()).isNotEqualTo(first.relayPrivateKey());
        assertThat(second.presharedKey()).isNotEqualTo(first.presharedKey());
        assertThat(second.recipientCacheSalt()).as("one salt per installation").isEqualTo(first.recipientCacheSalt());
        assertThat(new RelayRegistry(data).all()).extracting(RelayRegistration::name).containsExactly("vps1", "vps2");
        MailstoreConfig c = ConfigLoader.load(data);
        assertThat(c.relay().outbound().toString()).as("MX 10 keeps the hand-off").isEqualTo("10.77.0.1:2526");
        assertThat(c.intake().relayAddresses().contains(java.net.InetAddress.getByName("10.77.0.3"))).isTrue();
        assertThat(c.submission().proxyFrom().contains(java.net.InetAddress.getByName("10.77.0.3"))).isTrue();
        // Outgoing mail and the recipient cache go to both: MX 10 first, then MX 20 with its own pin and credentials.
        var targets = OutboundRelays.targets(c, data, data.resolve("keys"));
        assertThat(targets).extracting(t -> t.address().toString()).containsExactly("/10.77.0.1:2526", "/10.77.0.3:2526");
        assertThat(targets.get(1).fingerprint()).isEqualTo(fingerprint(second.tlsCertificatePem()))
                .isNotEqualTo(targets.get(0).fingerprint());
        assertThat(org.hearthmail.config.RelayCredentials.read(targets.get(1).credentials())).isEqualTo(second.credentials());
    }

    private static String fingerprint(String pem) throws Exception {
        byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII))).getEncoded();
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }

    @Test
    void publicAddressFlagsRecordEveryEgressAddressOfADualStackRelay() throws Exception {
        bundle("--endpoint", "vps.example.net:51820", "--public-address", "203.0.113.10", "--public-address", "2001:db8::10");
        assertThat(new RelayRegistry(data).find("vps1").orElseThrow().publicAddresses())
                .extracting(java.net.InetAddress::getHostAddress).containsExactly("203.0.113.10", "2001:db8:0:0:0:0:0:10");
        CliFixture.Result bad = cli.run("relay", "bundle", "--endpoint", "198.51.100.20:51820", "--name", "vps2",
                "--mx-host", "mx2.example.org", "--public-address", "mx2.example.org", "--passphrase-file",
                passFile.toString(), "--output", tmp.resolve("b2").toString());
        assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--public-address 'mx2.example.org' is not an IP address");
        assertThat(new RelayRegistry(data).all()).hasSize(1);
    }

    @Test
    void secondRelayWithoutItsOwnMxHostIsRefusedNamingTheFlag() throws Exception {
        bundle("--endpoint", "203.0.113.10:51820");
        CliFixture.Result r = cli.run("relay", "bundle", "--endpoint", "198.51.100.20:51820", "--passphrase-file",
                passFile.toString(), "--output", tmp.resolve("b2").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(r.err()).contains("--mx-host");
        assertThat(new RelayRegistry(data).all()).hasSize(1);
    }

    @Test
    void shortPassphraseIsRefusedAndNothingIsProvisioned() throws Exception {
        Files.writeString(passFile, "short\n");
        CliFixture.Result r = cli.run("relay", "bundle", "--endpoint", "203.0.113.10:51820", "--passphrase-file",
                passFile.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(r.err()).contains("at least 12 characters").doesNotContain("short");
        assertThat(r.out()).isEmpty();
        assertThat(new RelayRegistry(data).all()).isEmpty();
        assertThat(ConfigLoader.load(data).tunnel()).isEmpty();
    }

    @Test
    void withoutOutputTheBundleGoesToStdoutAndTheSummaryToStderr() {
        CliFixture.Result r = cli.run("relay", "bundle", "--endpoint", "203.0.113.10:51820", "--passphrase-file",
                passFile.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith(BundleCodec.BEGIN).contains(BundleCodec.END);
        assertThat(r.err()).contains("provisioned relay vps1").contains("edge-relay init --bundle");
    }

    @Test
    void noTerminalAndNoPassphraseFileSaysWhichFlagToUse() {
        CliFixture.Result r = cli.run("relay", "bundle", "--endpoint", "203.0.113.10:51820");
        assertThat(r.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(r.err()).contains("--passphrase-file");
    }
}
