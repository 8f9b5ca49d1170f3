package org.hearthmail.mailstore.config;

import org.hearthmail.config.HostPort;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.hearthmail.proxy.CidrSet;

/**
 * The mailstore's settings from {@code mailstore.toml}, validated by {@link ConfigLoader}. Immutable;
 * loaded once at start and passed to whoever needs a part of it.
 *
 * @param hostname    the mailstore's own name, in Received lines and greetings (A-label form)
 * @param mxHost      the public MX name (the edge relay)
 */
public record MailstoreConfig(String hostname, String mxHost, Intake intake, Tls tls, AuthResults authResults,
                              Delivery delivery, Log log, Submission submission, Relay relay, Imap imap,
                              java.util.Optional<Tunnel> tunnel) {

    public static final String FILE_NAME = "mailstore.toml";

    public MailstoreConfig {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(mxHost, "mxHost");
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(authResults, "authResults");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(tunnel, "tunnel");
    }

    /** The same settings with {@code tunnel} in place of the current tunnel section. */
    public MailstoreConfig withTunnel(java.util.Optional<Tunnel> value) {
        return new MailstoreConfig(hostname, mxHost, intake, tls, authResults, delivery, log, submission, relay, imap, value);
    }

    /** Every setting at its default, for the given names. */
    public static MailstoreConfig defaults(String hostname, String mxHost) {
        return new MailstoreConfig(hostname, mxHost, Intake.DEFAULT, Tls.DEFAULT, new AuthResults(mxHost),
                Delivery.DEFAULT, Log.DEFAULT, Submission.DEFAULT, Relay.DEFAULT, Imap.DEFAULT,
                java.util.Optional.empty());
    }

    /**
     * SMTP intake from the relay.
     *
     * @param listen          where the intake listens (later the tunnel address)
     * @param relayAddresses  sources trusted to send XCLIENT (the relay's addresses)
     * @param maxMessageSize  largest message accepted, in octets (advertised with SIZE, RFC 1870)
     */
    public record Intake(HostPort listen, CidrSet relayAddresses, long maxMessageSize) {
        public static final long MIN_MESSAGE_SIZE = 64 * 1024;
        public static final long MAX_MESSAGE_SIZE = 2L * 1024 * 1024 * 1024;
        public static final Intake DEFAULT = new Intake(HostPort.parse("127.0.0.1:10025"),
                CidrSet.of("127.0.0.1/32"), 50L * 1024 * 1024);

        public Intake {
            Objects.requireNonNull(listen, "listen");
            Objects.requireNonNull(relayAddresses, "relayAddresses");
            if (maxMessageSize < MIN_MESSAGE_SIZE || maxMessageSize > MAX_MESSAGE_SIZE) {
                throw new IllegalArgumentException("maxMessageSize out of range: " + maxMessageSize);
            }
        }
    }

    /** TLS for IMAP and submission: PEM files, relative to the data directory. */
    public record Tls(Path certificate, Path privateKey) {
        public static final Tls DEFAULT = new Tls(Path.of("keys/tls-cert.pem"), Path.of("keys/tls-key.pem"));

        public Tls {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(privateKey, "privateKey");
            if (certificate.isAbsolute() || privateKey.isAbsolute()) {
                throw new IllegalArgumentException("TLS paths are relative to the data directory");
            }
        }

        public Path certificateIn(Path dataDir) {
            return dataDir.resolve(certificate).normalize();
        }

        public Path privateKeyIn(Path dataDir) {
            return dataDir.resolve(privateKey).normalize();
        }
    }

    /** @param authservId the authserv-id of Authentication-Results headers we trust and write (RFC 8601 §2.5) */
    public record AuthResults(String authservId) {
        public AuthResults {
            Objects.requireNonNull(authservId, "authservId");
        }
    }

    /**
     * Local delivery.
     *
     * @param junkOn              verdicts that send a message to Junk instead of INBOX
     * @param subaddressSeparator the {@code +} of {@code user+tag@domain}; "" turns sub-addressing off
     * @param folderDelivery      deliver {@code user+Folder@domain} into the mailbox named by the tag, if it exists
     */
    public record Delivery(List<JunkRule> junkOn, String subaddressSeparator, boolean folderDelivery) {
        public static final Delivery DEFAULT = new Delivery(List.of(new JunkRule("dmarc", "fail")), "+", false);

        public Delivery {
            junkOn = List.copyOf(junkOn);
            Objects.requireNonNull(subaddressSeparator, "subaddressSeparator");
        }
    }

    /** @param retentionDays days the mailstore keeps its own log files */
    public record Log(int retentionDays) {
        public static final Log DEFAULT = new Log(14);

        public Log {
            if (retentionDays < 1 || retentionDays > 3650) {
                throw new IllegalArgumentException("retentionDays out of range: " + retentionDays);
            }
        }
    }

    /**
     * Message submission for the users' mail clients (RFC 6409 on the STARTTLS port, RFC 8314 on
     * the implicit-TLS port).
     *
     * @param listenStartTls  the STARTTLS listener (the relay forwards its 587 here)
     * @param listenTls       the implicit-TLS listener (the relay forwards its 465 here)
     * @param proxyFrom       sources whose PROXY v2 header is required and honoured (the relay's
     *                        tunnel address); empty means no PROXY header is expected
     * @param stripHeaders    header fields removed from every submitted message (privacy), compared
     *                        case-insensitively
     * @param maxMessageSize  largest message accepted, in octets
     */
    public record Submission(HostPort listenStartTls, HostPort listenTls, CidrSet proxyFrom, List<String> stripHeaders,
                             long maxMessageSize) {
        public static final List<String> DEFAULT_STRIP = List.of("Received", "X-Originating-IP", "X-Mailer", "User-Agent");
        public static final Submission DEFAULT = new Submission(HostPort.parse("127.0.0.1:2587"),
                HostPort.parse("127.0.0.1:2465"), CidrSet.empty(), DEFAULT_STRIP, 50L * 1024 * 1024);

        public Submission {
            Objects.requireNonNull(listenStartTls, "listenStartTls");
            Objects.requireNonNull(listenTls, "listenTls");
            Objects.requireNonNull(proxyFrom, "proxyFrom");
            stripHeaders = List.copyOf(stripHeaders);
            if (maxMessageSize < Intake.MIN_MESSAGE_SIZE || maxMessageSize > Intake.MAX_MESSAGE_SIZE) {
                throw new IllegalArgumentException("maxMessageSize out of range: " + maxMessageSize);
            }
        }
    }

    /**
     * The hand-off of outbound mail to the relay's outbound listener, over the tunnel.
     *
     * @param outbound        host:port of the relay's outbound SMTP listener
     * @param credentials     file (relative to the data directory) with the relay name and the per-relay secret
     * @param tlsFingerprint  SHA-256 of the relay's TLS certificate (DER), 64 lower-case hex digits;
     *                        empty until provisioned (outbound mail to other domains is then refused
     *                        with a temporary error)
     */
    public record Relay(HostPort outbound, Path credentials, String tlsFingerprint) {
        public static final Relay DEFAULT = new Relay(HostPort.parse("127.0.0.1:2526"),
                Path.of("keys/relay-credentials"), "");

        public Relay {
            Objects.requireNonNull(outbound, "outbound");
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(tlsFingerprint, "tlsFingerprint");
            if (credentials.isAbsolute()) {
                throw new IllegalArgumentException("the relay credentials path is relative to the data directory");
            }
            if (!tlsFingerprint.isEmpty() && !tlsFingerprint.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("tlsFingerprint must be 64 lower-case hex digits");
            }
        }

        public Path credentialsIn(Path dataDir) {
            return dataDir.resolve(credentials).normalize();
        }

        public boolean provisioned() {
            return !tlsFingerprint.isEmpty();
        }
    }

    /**
     * IMAP listeners: STARTTLS (RFC 3501; the relay forwards nothing here) and implicit TLS (RFC 8314;
     * the relay forwards its 993 with a PROXY v2 header from {@code proxyFrom}).
     */
    public record Imap(HostPort listenStartTls, HostPort listenTls, CidrSet proxyFrom) {
        public static final Imap DEFAULT = new Imap(HostPort.parse("127.0.0.1:2143"), HostPort.parse("127.0.0.1:2993"),
                CidrSet.parse(List.of()));
    }

    /**
     * The WireGuard tunnel to the relays, brought up by {@code mailstore run}. Its peers are the
     * relays in {@code relays/} (with their preshared keys under {@code keys/relays/}); this side
     * dials out to each relay's endpoint and keeps the path open with persistent keepalives, so home
     * needs no port forwarding.
     *
     * @param interfaceName     the WireGuard interface, e.g. hm0
     * @param address           this mailstore's tunnel address with the tunnel's prefix, e.g. 10.77.0.2/24
     * @param privateKey        the WireGuard private key file, relative to the data directory
     * @param keepaliveSeconds  WireGuard persistent keepalive towards each relay (1..300 s)
     * @param staleAfterSeconds silence after which a relay counts as stale
     * @param downAfterSeconds  silence after which a relay counts as down
     */
    public record Tunnel(String interfaceName, String address, Path privateKey, int keepaliveSeconds,
                         int staleAfterSeconds, int downAfterSeconds) {
        /** WireGuard whitepaper §6.1 timers: stale at 150 s, down at 180 s (see HealthThresholds). */
        public static final Tunnel DEFAULT = new Tunnel("hm0", "10.77.0.2/24", Path.of("keys/wireguard.key"), 25, 150, 180);

        public Tunnel {
            Objects.requireNonNull(interfaceName, "interfaceName");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(privateKey, "privateKey");
            if (privateKey.isAbsolute()) {
                throw new IllegalArgumentException("the tunnel private key path is relative to the data directory");
            }
            if (keepaliveSeconds < 1 || keepaliveSeconds > 300) {
                throw new IllegalArgumentException("keepalive " + keepaliveSeconds + " s is outside 1..300");
            }
            if (staleAfterSeconds <= keepaliveSeconds || downAfterSeconds <= staleAfterSeconds) {
                throw new IllegalArgumentException("need keepalive < stale_after < down_after, got " + keepaliveSeconds
                        + " / " + staleAfterSeconds + " / " + downAfterSeconds);
            }
        }

        public Path privateKeyIn(Path dataDir) {
            return dataDir.resolve(privateKey).normalize();
        }

        /** The address without its prefix length, e.g. 10.77.0.2. */
        public String host() {
            int slash = address.indexOf('/');
            return slash < 0 ? address : address.substring(0, slash);
        }
    }
}
