package org.hearthmail.relay.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hearthmail.config.HostPort;
import org.hearthmail.relay.checks.AuthPolicy;

/**
 * The relay's configuration.
 *
 * @param hostname the relay's public MX name: greeting, EHLO, Received lines, TLS certificate
 * @param domains  the mail domains the relay takes mail for (A-labels, lower case)
 * @param inbound  the public MX listener
 * @param mailstore where the mailstore's intake is, across the tunnel (or loopback in the demo)
 * @param tls      the certificate for STARTTLS on port 25
 * @param auth     sender authentication (SPF, DKIM, DMARC) and what to do with failures
 * @param dns      where the relay's DNS questions go
 */
public record RelayConfig(String hostname, List<String> domains, Inbound inbound, Mailstore mailstore, Tls tls, Log log,
                          Auth auth, Dns dns) {

    public static final String FILE_NAME = "relay.toml";

    public RelayConfig {
        Objects.requireNonNull(hostname, "hostname");
        domains = List.copyOf(domains);
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(dns, "dns");
    }

    /**
     * @param authservId the authserv-id of our Authentication-Results (RFC 8601 §2.5); the mailstore
     *                   trusts only fields with its own configured id, so both must agree
     * @param policy     what a DMARC failure leads to
     */
    public record Auth(String authservId, AuthPolicy policy) {
        public Auth {
            Objects.requireNonNull(authservId, "authservId");
            Objects.requireNonNull(policy, "policy");
        }
    }

    /** @param resolver the recursive resolver to ask; empty: the first nameserver of /etc/resolv.conf */
    public record Dns(Optional<HostPort> resolver) {
        public static final Dns DEFAULT = new Dns(Optional.empty());

        public Dns {
            Objects.requireNonNull(resolver, "resolver");
        }
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
