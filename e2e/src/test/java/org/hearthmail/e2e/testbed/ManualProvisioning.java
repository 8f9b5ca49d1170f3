package org.hearthmail.e2e.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Everything {@code mailstore relay bundle} and {@code edge-relay init --bundle} will do, done by
 * hand until they exist: the relay's data directory (relay.toml, TLS key and certificate, outbound
 * credentials) and the mailstore.toml settings that put the mailstore's listeners on the link and
 * trust the relay. Each step is marked "until edge-relay init --bundle"; the lead replaces this
 * class with the two CLI calls.
 */
public final class ManualProvisioning {
    public static final String RELAY_NAME = "vps1";

    private ManualProvisioning() {
    }

    /**
     * @param mxHost the relay's public name (hostname of relay.toml, the mailstore's mx_host)
     * @param domain the one mail domain served
     */
    public static EdgeRelay provision(Testbed tb, Mailstore mailstore, String mxHost, String domain) {
        try {
            Path relay = Files.createDirectories(tb.dir().resolve("relay"));
            Path keys = Files.createDirectories(relay.resolve("keys"));
            // until edge-relay init --bundle: the relay presents the mailstore's self-signed certificate for the MX name.
            Files.copy(mailstore.tlsCertificate(), keys.resolve("tls-cert.pem"));
            Files.copy(mailstore.tlsKey(), keys.resolve("tls-key.pem"));
            restrict(keys.resolve("tls-key.pem"));
            // until edge-relay init --bundle: the per-relay outbound secret, the same pair on both sides.
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            String credentials = "name = " + RELAY_NAME + "\nsecret = " + Base64.getEncoder().encodeToString(secret) + "\n";
            writePrivate(keys.resolve("outbound-credentials"), credentials);
            writePrivate(mailstore.dataDir().resolve("keys/relay-credentials"), credentials);

            // until edge-relay init --bundle: relay.toml.
            String dns = Addresses.DNS + ":53";
            Files.writeString(relay.resolve("relay.toml"), String.join("\n",
                    "hostname = " + TomlFile.string(mxHost),
                    "domains = " + TomlFile.array(domain),
                    "[inbound]",
                    "listen = " + TomlFile.string(Addresses.VPS + ":" + EdgeRelay.MX_PORT),
                    "[mailstore]",
                    "intake = " + TomlFile.string(Addresses.MAILSTORE_TUNNEL + ":" + Mailstore.INTAKE_PORT),
                    "[dns]",
                    "resolver = " + TomlFile.string(dns),
                    "[gate]",
                    // The clients here never talk early; waiting 3 s per connection only slows the test.
                    "pregreet_delay = \"0s\"",
                    "[passthrough]",
                    "routes = " + TomlFile.array(
                            route(EdgeRelay.IMAPS_PORT, Mailstore.IMAPS_PORT),
                            route(EdgeRelay.SUBMISSION_PORT, Mailstore.SUBMISSION_PORT),
                            route(EdgeRelay.SUBMISSIONS_PORT, Mailstore.SUBMISSIONS_PORT)),
                    "[spool]",
                    "mailstore_key = " + TomlFile.string(mailstore.spoolKey()),
                    "[outbound]",
                    "listen = " + TomlFile.string(Addresses.RELAY_TUNNEL + ":" + EdgeRelay.OUTBOUND_PORT),
                    ""), StandardCharsets.UTF_8);

            String link = Addresses.MAILSTORE_TUNNEL + ":";
            String relayOnly = TomlFile.array(Addresses.RELAY_TUNNEL + "/32");
            mailstore.config()
                    // until edge-relay init --bundle: every listener only on the link address.
                    .set("intake", "listen", TomlFile.string(link + Mailstore.INTAKE_PORT))
                    .set("intake", "relay_addresses", relayOnly)
                    .set("imap", "listen_tls", TomlFile.string(link + Mailstore.IMAPS_PORT))
                    .set("imap", "listen_starttls", TomlFile.string(link + Mailstore.IMAP_PORT))
                    .set("imap", "proxy_from", relayOnly)
                    .set("submission", "listen_starttls", TomlFile.string(link + Mailstore.SUBMISSION_PORT))
                    .set("submission", "listen_tls", TomlFile.string(link + Mailstore.SUBMISSIONS_PORT))
                    .set("submission", "proxy_from", relayOnly)
                    // until edge-relay init --bundle: outgoing mail to the relay's outbound listener, pinned to its certificate.
                    .set("relay", "outbound", TomlFile.string(Addresses.RELAY_TUNNEL + ":" + EdgeRelay.OUTBOUND_PORT))
                    .set("relay", "tls_fingerprint", TomlFile.string(sha256(keys.resolve("tls-cert.pem"))));
            return new EdgeRelay(tb, relay);
        } catch (IOException e) {
            throw new TestbedException("cannot provision the relay: " + e.getMessage(), e);
        }
    }

    private static String route(int relayPort, int mailstorePort) {
        return Addresses.VPS + ":" + relayPort + "=" + Addresses.MAILSTORE_TUNNEL + ":" + mailstorePort;
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        restrict(file);
    }

    private static void restrict(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /** SHA-256 over the certificate's DER encoding, as {@code openssl x509 -fingerprint -sha256} prints it. */
    private static String sha256(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new TestbedException("cannot read the certificate " + pem + ": " + e.getMessage(), e);
        }
    }
}
