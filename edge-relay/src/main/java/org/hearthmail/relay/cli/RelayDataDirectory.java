package org.hearthmail.relay.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.hearthmail.config.PrivateFile;
import org.hearthmail.provision.RelayBundle;
import org.hearthmail.relay.config.RelayConfig;
import org.hearthmail.relay.config.RelayConfigLoader;
import org.hearthmail.relay.config.RelayTomlWriter;
import org.hearthmail.tls.SelfSignedCertificates;

/**
 * Writes a relay's data directory (0700) from an opened bundle: every key file 0600 under
 * {@code keys/}, then {@code relay.toml} last, so a directory with a relay.toml is complete; then
 * loads it back as {@code edge-relay run} would.
 */
final class RelayDataDirectory {
    /** The MX certificate is a stand-in until ACME replaces it. */
    static final Duration MX_CERT_VALIDITY = Duration.ofDays(90);

    private final Path dir;

    RelayDataDirectory(Path dir) {
        this.dir = dir;
    }

    RelayConfig install(RelayBundle b, String interfaceName) {
        PrivateFile.privateDirectory(dir);
        PrivateFile.privateDirectory(dir.resolve("keys"));
        PrivateFile.write(dir.resolve(RelayTomlWriter.WIREGUARD_KEY), b.relayPrivateKey() + "\n");
        PrivateFile.write(dir.resolve(RelayTomlWriter.PRESHARED_KEY), b.presharedKey() + "\n");
        PrivateFile.write(dir.resolve(RelayTomlWriter.OUTBOUND_CREDENTIALS), "# From the bundle of relay " + b.relayName()
                + "; the same pair as the mailstore's [relay] credentials.\nname = " + b.credentials().name()
                + "\nsecret = " + b.credentials().secret() + "\n");
        PrivateFile.write(dir.resolve(RelayTomlWriter.OUTBOUND_CERT), b.tlsCertificatePem());
        PrivateFile.write(dir.resolve(RelayTomlWriter.OUTBOUND_KEY), b.tlsPrivateKeyPem());
        SelfSignedCertificates.KeyAndCertificate mx = SelfSignedCertificates.create(b.relayHostname(), MX_CERT_VALIDITY);
        PrivateFile.write(dir.resolve(RelayConfig.Tls.DEFAULT.certificate()), org.hearthmail.tls.PemText.of(mx.certificate()));
        PrivateFile.write(dir.resolve(RelayConfig.Tls.DEFAULT.privateKey()), org.hearthmail.tls.PemText.of(mx.privateKey()));
        PrivateFile.write(dir.resolve(RelayConfig.FILE_NAME), RelayTomlWriter.render(b, interfaceName));
        return RelayConfigLoader.load(dir); // what we wrote must be what 'run' accepts
    }
}
