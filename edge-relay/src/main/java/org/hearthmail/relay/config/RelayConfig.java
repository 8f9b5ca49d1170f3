package org.hearthmail.relay.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hearthmail.config.HostPort;
import org.hearthmail.relay.checks.AuthPolicy;
import org.hearthmail.relay.gate.ConnectionLimits;
import org.hearthmail.relay.gate.DnsListZone;
import org.hearthmail.relay.gate.FcrdnsMode;
import org.hearthmail.relay.gate.GateConfig;
import org.hearthmail.relay.passthrough.PassthroughRoute;
import org.hearthmail.seal.SealPublicKey;

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
 * @param gate     who may connect to port 25 (limits, bans, DNS lists, FCrDNS, early talkers)
 * @param passthrough the client ports forwarded raw to the mailstore with a PROXY v2 header
 * @param spool    where inbound mail waits, sealed, while the mailstore is unreachable
 * @param outbound the listener taking signed mail from the mailstore into the delivery queue
 * @param tunnel   the WireGuard tunnel to the mailstore, when this process brings it up
 */
public record RelayConfig(String hostname, List<String> domains, Inbound inbound, Mailstore mailstore, Tls tls, Log log,
                          Auth auth, Dns dns, Gate gate, Passthrough passthrough, Spool spool,
                          Outbound outbound, Optional<Tunnel> tunnel) {

    public static final String FILE_NAME = "relay.toml";

    public RelayConfig {
        Objects.requireNonNull(hostname, "hostname");
        domains = List.copyOf(domains);
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(dns, "dns");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(passthrough, "passthrough");
        Objects.requireNonNull(spool, "spool");
        Objects.requireNonNull(tunnel, "tunnel");
    }

    /**
     * @param enabled        false: no gate at all on port 25 (no limits, bans or DNS checks)
     * @param pregreetDelay  how long port 25 watches for early talkers before the greeting
     * @param dnsLists       block lists (positive weight) and allow lists (negative weight)
     * @param threshold      a client whose score reaches this is refused
     * @param fcrdns         whether forward-confirmed reverse DNS is ignored, scored or required
     * @param fcrdnsWeight   what a missing confirmed name adds to the score in {@link FcrdnsMode#SCORE}
     * @param limits         connections per address and network, and the connection rate, on port 25
     */
    public record Gate(boolean enabled, Duration pregreetDelay, List<DnsListZone> dnsLists, int threshold,
                       FcrdnsMode fcrdns, int fcrdnsWeight, ConnectionLimits limits) {
        public static final Gate DEFAULT = new Gate(true, Duration.ofSeconds(3), List.of(), 2, FcrdnsMode.SCORE, 1,
                ConnectionLimits.mxDefaults());

        public Gate {
            Objects.requireNonNull(pregreetDelay, "pregreetDelay");
            dnsLists = List.copyOf(dnsLists);
            Objects.requireNonNull(fcrdns, "fcrdns");
            Objects.requireNonNull(limits, "limits");
        }

        /** The gate's full settings: the MX defaults for abuse, these for the rest. */
        public GateConfig toGateConfig() {
            GateConfig mx = GateConfig.mxDefaults();
            return mx.withLimits(limits).withPregreetDelay(pregreetDelay)
                    .withScreening(mx.screening().withZones(dnsLists, threshold).withFcrdns(fcrdns, fcrdnsWeight));
        }
    }

    /**
     * @param routes  listen address to mailstore address; none: no client ports
     * @param limits  connections per address and network, and the connection rate, on the client ports
     */
    public record Passthrough(List<PassthroughRoute> routes, ConnectionLimits limits) {
        public static final Passthrough DEFAULT = new Passthrough(List.of(), ConnectionLimits.clientPortDefaults());

        public Passthrough {
            routes = List.copyOf(routes);
            Objects.requireNonNull(limits, "limits");
        }
    }

    /**
     * @param mailstoreKey       the mailstore's X25519 sealing key; empty: no spool, the relay
     *                           answers 451 4.4.1 while the mailstore is unreachable
     * @param maxBytes           the most disk the spool may take
     * @param recipientCache     the recipient cache file, relative to the data directory
     * @param recipientCacheSalt the installation's salt for the cache's hashes; empty: no cache,
     *                           so RCPTs while spooling are answered 450 4.4.3
     * @param retryMax           the longest wait between hand-over attempts (exponential back-off from 1 s)
     * @param recipientCacheMaxAge how long the cache counts after the mailstore last confirmed it (ADR 0007)
     */
    public record Spool(Optional<SealPublicKey> mailstoreKey, long maxBytes, Path recipientCache,
                        Optional<byte[]> recipientCacheSalt, Duration retryMax, Duration recipientCacheMaxAge) {
        public static final long MIN_BYTES = 1024 * 1024;
        public static final Spool DEFAULT = new Spool(Optional.empty(), 1024L * 1024 * 1024, Path.of("rcptcache.bin"),
                Optional.empty(), Duration.ofMinutes(5), Duration.ofDays(7));

        public Spool(Optional<SealPublicKey> mailstoreKey, long maxBytes, Path recipientCache,
                     Optional<byte[]> recipientCacheSalt, Duration retryMax) {
            this(mailstoreKey, maxBytes, recipientCache, recipientCacheSalt, retryMax, DEFAULT.recipientCacheMaxAge());
        }

        public Spool {
            Objects.requireNonNull(mailstoreKey, "mailstoreKey");
            Objects.requireNonNull(recipientCache, "recipientCache");
            recipientCacheSalt = recipientCacheSalt.map(byte[]::clone);
            Objects.requireNonNull(retryMax, "retryMax");
            Objects.requireNonNull(recipientCacheMaxAge, "recipientCacheMaxAge");
        }

        public Path recipientCacheIn(Path dataDir) {
            return dataDir.resolve(recipientCache);
        }
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

    /**
     * @param intake        the mailstore's SMTP intake, e.g. its tunnel address 10.77.0.2:10025
     * @param commandTimeout how long to wait for each of the mailstore's replies before the content
     *                       (greeting, XCLIENT, EHLO, MAIL, RCPT); then the transaction is spooled
     * @param commitTimeout  how long to wait for its final reply after the content; then the relay
     *                       spools its own copy (the mailstore drops a second one by transaction id)
     */
    public record Mailstore(HostPort intake, Duration commandTimeout, Duration commitTimeout) {
        public static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
        /** RFC 5321 §4.5.3.2.2: beyond the MAIL minimum a short timeout has no point. */
        public static final Duration MAX_COMMAND_TIMEOUT = Duration.ofMinutes(5);
        /** RFC 5321 §4.5.3.2.6: the final reply's minimum. */
        public static final Duration MAX_COMMIT_TIMEOUT = Duration.ofMinutes(10);
        public static final Mailstore DEFAULT = new Mailstore(HostPort.parse("10.77.0.2:10025"), Duration.ofSeconds(15),
                Duration.ofSeconds(60));

        public Mailstore(HostPort intake) {
            this(intake, DEFAULT.commandTimeout(), DEFAULT.commitTimeout());
        }

        public Mailstore {
            Objects.requireNonNull(intake, "intake");
            Objects.requireNonNull(commandTimeout, "commandTimeout");
            Objects.requireNonNull(commitTimeout, "commitTimeout");
        }
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

    /**
     * @param retentionDays how long log files are kept
     * @param addresses     how client IPs and mail addresses appear in log lines
     */
    public record Log(int retentionDays, org.hearthmail.log.AddressLogging addresses) {
        public static final Log DEFAULT = new Log(14, org.hearthmail.log.AddressLogging.DEFAULT);

        public Log(int retentionDays) {
            this(retentionDays, org.hearthmail.log.AddressLogging.DEFAULT);
        }

        public Log {
            java.util.Objects.requireNonNull(addresses, "addresses");
        }
    }

    /**
     * The listener that takes signed mail from the mailstore (through the tunnel) into the delivery
     * queue. Off when {@code listen} is absent.
     *
     * @param listen      e.g. the relay's tunnel address 10.77.0.1:2526
     * @param credentials relay name and per-relay secret ({@code name = ...}, {@code secret = ...}, mode
     *                    0600), the same file the mailstore's [relay] credentials names
     * @param certificate the listener's own certificate (the one the mailstore pins); empty: [tls]'s
     * @param privateKey  its key; set together with {@code certificate}
     */
    public record Outbound(java.util.Optional<HostPort> listen, Path credentials, Optional<Path> certificate,
                           Optional<Path> privateKey, OutboundDelivery delivery) {
        public static final Outbound DEFAULT = new Outbound(java.util.Optional.empty(), Path.of("keys/outbound-credentials"),
                Optional.empty(), Optional.empty(), OutboundDelivery.DEFAULT);

        public Outbound {
            Objects.requireNonNull(listen, "listen");
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(delivery, "delivery");
        }

        public Outbound(java.util.Optional<HostPort> listen, Path credentials) {
            this(listen, credentials, Optional.empty(), Optional.empty(), OutboundDelivery.DEFAULT);
        }

        public Path credentialsIn(Path dataDir) {
            return dataDir.resolve(credentials);
        }
    }

    /**
     * How the delivery queue paces itself (the {@code [outbound]} keys beside {@code listen}).
     *
     * @param retryInitial           wait after the first temporary failure (doubles per failure)
     * @param retryMax               the doubling stops here
     * @param giveUpAfter            a recipient still failing this long after queueing is bounced
     * @param scanInterval           how often the scheduler looks at the queue for due work
     * @param concurrency            delivery attempts in flight overall
     * @param destinationConcurrency attempts in flight to one recipient domain
     * @param mxPort                 the port of remote MX hosts: 25 (RFC 5321 §4.5.4.2); another value only
     *                               in test beds, where the receiving MX runs unprivileged
     * @param allowLocalMx           deliver to MX hosts on loopback (test beds only; on the internet an MX
     *                               there is a misconfiguration or an attempt to make the relay talk to itself)
     */
    public record OutboundDelivery(Duration retryInitial, Duration retryMax, Duration giveUpAfter, Duration scanInterval,
                                   int concurrency, int destinationConcurrency, int mxPort, boolean allowLocalMx) {
        public static final OutboundDelivery DEFAULT = new OutboundDelivery(Duration.ofMinutes(5), Duration.ofHours(4),
                Duration.ofDays(5), Duration.ofSeconds(5), 20, 2, 25, false);

        public OutboundDelivery {
            Objects.requireNonNull(retryInitial, "retryInitial");
            Objects.requireNonNull(retryMax, "retryMax");
            Objects.requireNonNull(giveUpAfter, "giveUpAfter");
            Objects.requireNonNull(scanInterval, "scanInterval");
        }
    }

    /**
     * The relay's end of the WireGuard tunnel: it listens on its public UDP port and the mailstore
     * dials in (home has no open port). Health decides between live pass-through and the spool.
     *
     * @param interfaceName      the WireGuard interface, e.g. hm0
     * @param address            the relay's tunnel address with the tunnel's prefix, e.g. 10.77.0.1/24
     * @param listenPort         the public UDP port
     * @param privateKey         the relay's WireGuard private key file (0600), relative to the data directory
     * @param presharedKey       the preshared key file (0600), relative to the data directory
     * @param mailstorePublicKey the mailstore's WireGuard public key (base64)
     * @param mailstoreAddress   the mailstore's tunnel address (its only allowed IP), e.g. 10.77.0.2
     * @param keepaliveSeconds   persistent keepalive towards the mailstore once it has dialled in, so
     *                           that home hears from the relay even when no mail flows
     * @param staleAfterSeconds  silence after which the mailstore counts as stale
     * @param downAfterSeconds   silence after which it counts as down (new mail is then spooled at once)
     */
    public record Tunnel(String interfaceName, String address, int listenPort, Path privateKey, Path presharedKey,
                         String mailstorePublicKey, String mailstoreAddress, int keepaliveSeconds, int staleAfterSeconds,
                         int downAfterSeconds) {
        public static final String DEFAULT_INTERFACE = "hm0";
        public static final Path DEFAULT_PRIVATE_KEY = Path.of("keys/wireguard.key");
        public static final Path DEFAULT_PRESHARED_KEY = Path.of("keys/wireguard.psk");
        /** WireGuard whitepaper §6.1 timers (see HealthThresholds). */
        public static final int DEFAULT_STALE_AFTER = 150;
        /** WireGuard whitepaper §6.5: 25 s suits most NAT and firewall state timeouts. */
        public static final int DEFAULT_KEEPALIVE = 25;
        public static final int DEFAULT_DOWN_AFTER = 180;

        public Tunnel {
            Objects.requireNonNull(interfaceName, "interfaceName");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(presharedKey, "presharedKey");
            Objects.requireNonNull(mailstorePublicKey, "mailstorePublicKey");
            Objects.requireNonNull(mailstoreAddress, "mailstoreAddress");
        }
    }
}
