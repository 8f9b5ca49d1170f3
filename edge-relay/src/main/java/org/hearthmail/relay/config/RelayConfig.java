package org.hearthmail.relay.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.hearthmail.config.HostPort;

/**
 * The relay's configuration.
 *
 * @param hostname the relay's public MX name: greeting, EHLO, Received lines, TLS certificate
 * @param domains  the mail domains the relay takes mail for (A-labels, lower case)
 * @param inbound  the public MX listener
 * @param mailstore where the mailstore's intake is, across the tunnel (or loopback in the demo)
 * @param tls      the certificate for STARTTLS on port 25
 */
public record RelayConfig(String hostname, List<String> domains, Inbound inbound, Mailstore mailstore, Tls tls, Log log) {

    public static final String FILE_NAME = "relay.toml";

    public RelayConfig {
        Objects.requireNonNull(hostname, "hostname");
        domains = List.copyOf(domains);
    }

    /** @param listen usually 0.0.0.0:25; max message size in octets (RFC 1870) */
    public record Inbound(HostPort listen, long maxMessageSize) {
        public static final long MIN_MESSAGE_SIZE = 64 * 1024;
        public static final long MAX_MESSAGE_SIZE = 2L * 1024 * 1024 * 1024;
        public static final Inbound DEFAULT = new Inbound(HostPort.parse("0.0.0.0:25"), 50L * 1024 * 1024);
    }

    /** @param intake the mailstore's SMTP intake, e.g. its tunnel address 10.77.0.2:10025 */
    public record Mailstore(HostPort intake) {
        public static final Mailstore DEFAULT = new Mailstore(HostPort.parse("10.77.0.2:10025"));
    }

    /** Paths relative to the data directory. */
    public record Tls(Path certificate, Path privateKey) {
        public static final Tls DEFAULT = new Tls(Path.of("keys/tls-cert.pem"), Path.of("keys/tls-key.pem"));

        public Path certificateIn(Path dataDir) {
            return dataDir.resolve(certificate);
        }

        public Path privateKeyIn(Path dataDir) {
            return dataDir.resolve(privateKey);
        }
    }

    /** @param retentionDays how long log files are kept */
    public record Log(int retentionDays) {
        public static final Log DEFAULT = new Log(14);
    }
}
