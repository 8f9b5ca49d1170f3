package org.hearthmail.mailstore.relays;

import io.netty.util.NetUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hearthmail.config.HostPort;
import org.hearthmail.config.InvalidConfigException;
import org.hearthmail.config.RelayCredentials;
import org.hearthmail.mailstore.config.ConfigFileWriter;
import org.hearthmail.mailstore.config.MailstoreConfig;
import org.hearthmail.mailstore.intake.SpoolKeyFile;
import org.hearthmail.provision.RelayBundle;
import org.hearthmail.seal.SealPrivateKey;
import org.hearthmail.tls.SelfSignedCertificates;
import org.hearthmail.tunnel.config.IpPrefix;
import org.hearthmail.tunnel.keys.WgPresharedKey;
import org.hearthmail.tunnel.keys.WgPrivateKey;

/**
 * Provisions one more relay: new WireGuard keys and secrets for it, its entry in the registry, and
 * the mailstore's configuration changed so that {@code mailstore run} brings the tunnel up and
 * serves the relay (intake, pass-through targets and the outbound hand-off on the tunnel address).
 * Returns the bundle to seal; writes no bundle itself.
 */
public final class RelayProvisioner {
    /** The relay's outbound listener port on its tunnel address (docs/relay-toml.md). */
    public static final int OUTBOUND_PORT = 2526;
    /** The relay's self-signed certificate for the outbound listener, pinned by fingerprint at home. */
    static final Duration CERT_VALIDITY = Duration.ofDays(3650);

    /**
     * @param name       the relay's name, or empty for the first free {@code vpsN}
     * @param endpoint   the relay's public WireGuard endpoint host
     * @param port       its WireGuard UDP port
     * @param mxHost     its public MX host name, or empty for the configured mx_host (first relay only)
     * @param preference its MX preference, or empty for 10 more than the highest so far (10 for the first)
     * @param publicAddresses the addresses it sends mail from (IPv4 and IPv6 on a dual-stack VPS); empty:
     *                   the endpoint when it is an IP address
     */
    public record Request(Optional<String> name, String endpoint, int port, Optional<String> mxHost,
                          Optional<Integer> preference, List<InetAddress> publicAddresses) {
        public Request {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(mxHost, "mxHost");
            Objects.requireNonNull(preference, "preference");
            publicAddresses = List.copyOf(publicAddresses);
        }

        public Request(Optional<String> name, String endpoint, int port, Optional<String> mxHost,
                       Optional<Integer> preference) {
            this(name, endpoint, port, mxHost, preference, List.of());
        }

        /** The given addresses, else the endpoint when it is a literal, else none. */
        List<InetAddress> egress() {
            if (!publicAddresses.isEmpty()) {
                return publicAddresses;
            }
            InetAddress literal = literal(endpoint);
            return literal == null ? List.of() : List.of(literal);
        }
    }

    /** What was done: the bundle's content, the registry entry and the configuration now in force. */
    public record Result(RelayBundle bundle, RelayRegistration registration, MailstoreConfig config, boolean primary) {
    }

    private final Path dataDir;
    private final Path keys;
    private final SecureRandom random;

    public RelayProvisioner(Path dataDir, Path keysDir, SecureRandom random) {
        this.dataDir = dataDir;
        this.keys = keysDir;
        this.random = random;
    }

    public Result provision(MailstoreConfig config, List<String> domains, Request req) {
        RelayRegistry registry = new RelayRegistry(dataDir);
        List<RelayRegistration> existing = registry.all();
        String name = req.name().orElseGet(() -> freeName(existing));
        if (registry.find(name).isPresent()) {
            throw new InvalidConfigException("a relay named '" + name + "' is already provisioned (" + RelayRegistry.DIRECTORY
                    + "/" + name + ".toml); choose another --name");
        }
        String mxHost = req.mxHost().orElseGet(() -> {
            if (existing.stream().anyMatch(r -> r.hostname().equals(config.mxHost()))) {
                throw new InvalidConfigException("relay " + existing.get(0).name() + " already uses the MX host "
                        + config.mxHost() + "; give this relay its own with --mx-host (e.g. mx2." + domains.get(0) + ")");
            }
            return config.mxHost();
        });
        int preference = req.preference().orElseGet(() -> existing.stream().mapToInt(RelayRegistration::mxPreference)
                .max().orElse(0) + 10);
        MailstoreConfig.Tunnel tunnel = config.tunnel().orElse(MailstoreConfig.Tunnel.DEFAULT);
        IpPrefix tunnelNet = IpPrefix.parse(tunnel.address());
        InetAddress relayAddress = TunnelAddressPlan.next(tunnelNet.address(), tunnelNet.prefixLength(), existing);

        WgPrivateKey relayKey = WgPrivateKey.generate();
        WgPresharedKey psk = WgPresharedKey.generate();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        RelayCredentials credentials = new RelayCredentials(name, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        SelfSignedCertificates.KeyAndCertificate cert = SelfSignedCertificates.create(mxHost, CERT_VALIDITY);
        RelaySecrets secrets = new RelaySecrets(keys);
        String salt = secrets.recipientCacheSalt();

        String fingerprint = fingerprint(cert);
        RelayRegistration registration = new RelayRegistration(name, mxHost, preference, req.endpoint(), req.port(),
                req.egress(), relayKey.publicKey().toBase64(), relayAddress, fingerprint);
        boolean primary = isPrimary(config, existing, preference);
        MailstoreConfig updated = ConfigForRelays.serve(config, tunnel, relayAddress,
                primary ? Optional.of(new MailstoreConfig.Relay(new HostPort(relayAddress, OUTBOUND_PORT),
                        dataDir.relativize(secrets.credentialsFile(name)), fingerprint)) : Optional.empty());
        String home = tunnel.host();
        RelayBundle bundle = new RelayBundle(name, mxHost, preference, relayKey.toBase64(), mailstorePublicKey(tunnel),
                psk.toBase64(), relayAddress.getHostAddress(), home, tunnelNet.prefixLength(), req.port(), domains,
                spoolPublicKey(), credentials, salt, org.hearthmail.tls.PemText.of(cert.certificate()), org.hearthmail.tls.PemText.of(cert.privateKey()),
                home + ":" + updated.intake().listen().port(), relayAddress.getHostAddress() + ":" + OUTBOUND_PORT,
                routes(updated, home));

        secrets.savePresharedKey(name, psk.toBase64());
        secrets.saveCredentials(credentials);
        registry.save(registration);
        org.hearthmail.config.PrivateFile.write(dataDir.resolve(MailstoreConfig.FILE_NAME), ConfigFileWriter.render(updated));
        return new Result(bundle, registration, updated, primary);
    }

    /** Client ports the relay forwards (with PROXY v2) to this mailstore's listeners on its tunnel address. */
    static List<String> routes(MailstoreConfig c, String home) {
        List<String> r = new ArrayList<>();
        r.add("0.0.0.0:993=" + home + ":" + c.imap().listenTls().port());
        r.add("0.0.0.0:465=" + home + ":" + c.submission().listenTls().port());
        r.add("0.0.0.0:587=" + home + ":" + c.submission().listenStartTls().port());
        return r;
    }

    /** The relay with the lowest MX preference takes the outbound hand-off. */
    private static boolean isPrimary(MailstoreConfig config, List<RelayRegistration> existing, int preference) {
        if (!config.relay().provisioned()) {
            return true;
        }
        InetAddress current = config.relay().outbound().address();
        return existing.stream().filter(r -> r.tunnelAddress().equals(current)).findFirst()
                .map(r -> preference < r.mxPreference()).orElse(true);
    }

    private static String freeName(List<RelayRegistration> existing) {
        for (int i = 1; ; i++) {
            String n = "vps" + i;
            if (existing.stream().noneMatch(r -> r.name().equals(n))) {
                return n;
            }
        }
    }

    private static InetAddress literal(String host) {
        byte[] raw = NetUtil.createByteArrayFromIpAddressString(host);
        try {
            return raw == null ? null : InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private String mailstorePublicKey(MailstoreConfig.Tunnel tunnel) {
        Path f = tunnel.privateKeyIn(dataDir);
        try {
            return WgPrivateKey.fromBase64(Files.readString(f, StandardCharsets.US_ASCII).strip()).publicKey().toBase64();
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidConfigException("cannot read the mailstore's WireGuard key " + f + " (made by 'mailstore init'): "
                    + e.getMessage(), e);
        }
    }

    private String spoolPublicKey() {
        try {
            return SpoolKeyFile.load(keys).map(SealPrivateKey::publicKey).orElseThrow(() -> new InvalidConfigException(
                    "no spool key " + keys.resolve(SpoolKeyFile.NAME) + " (made by 'mailstore init')")).toBase64();
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read " + keys.resolve(SpoolKeyFile.NAME) + ": " + e.getMessage(), e);
        }
    }

    /** SHA-256 over the certificate's DER, as 'openssl x509 -fingerprint -sha256' prints it (lower case, no colons). */
    static String fingerprint(SelfSignedCertificates.KeyAndCertificate kc) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(kc.certificate().getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the relay certificate", e);
        }
    }
}
