package org.hearthmail.relay.delivery;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hearthmail.dns.DnsResolver;
import org.hearthmail.dns.DnsResult;
import org.hearthmail.relay.delivery.dane.DaneCertificateCheck;
import org.hearthmail.relay.delivery.dane.DaneLookup;
import org.hearthmail.relay.delivery.dane.TlsaRecord;
import org.hearthmail.relay.delivery.dane.TlsaResult;
import org.hearthmail.relay.delivery.sts.MtaStsPolicies;
import org.hearthmail.relay.delivery.tlsrpt.TlsReportCollector;
import org.hearthmail.relay.delivery.sts.MtaStsPolicy;
import org.hearthmail.relay.queue.DeliveryAgent;
import org.hearthmail.relay.queue.DeliveryOutcome;
import org.hearthmail.relay.queue.DeliveryRequest;
import org.hearthmail.smtp.client.TlsPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one domain's recipients to its MX hosts (RFC 5321 §5): resolve, then try each host and
 * each of its addresses in turn until one gives an answer per recipient. Opportunistic STARTTLS
 * (RFC 7435; RFC 3207): used whenever offered, with any certificate; when the handshake fails the
 * same address is tried once more in plaintext, as an opportunistic client must not be worse off
 * than one without TLS. With an MTA-STS policy in enforce mode (RFC 8461 §5) only MX hosts the
 * policy names are used, STARTTLS is required and the certificate must be PKIX-valid for the host;
 * any failure there defers, never falls back.
 */
public final class MxDelivery implements DeliveryAgent, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MxDelivery.class);
    /** RFC 7505 §4.2: mail to a null-MX domain fails with 556 5.1.10. */
    static final String NULL_MX = "556 5.1.10 Recipient address has null MX (RFC 7505)";

    private final MxResolver mx;
    private final DnsResolver dns;
    private final DeliveryConfig config;
    private final MtaStsPolicies sts;
    private final Function<String, TlsPolicy> pkixFor;
    private final DaneLookup dane;
    private volatile TlsReportCollector reports;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mx-delivery");
        t.setDaemon(true);
        return t;
    });

    /** Opportunistic TLS only, no MTA-STS. */
    public MxDelivery(MxResolver mx, DnsResolver dns, DeliveryConfig config) {
        this(mx, dns, config, null, TlsPolicy::pkix);
    }

    /**
     * @param sts     MTA-STS policy source, or null to ignore MTA-STS
     * @param pkixFor the authenticated TLS policy for an MX host name ({@link TlsPolicy#pkix(String)} in production)
     */
    public MxDelivery(MxResolver mx, DnsResolver dns, DeliveryConfig config, MtaStsPolicies sts,
                      Function<String, TlsPolicy> pkixFor) {
        this(mx, dns, config, sts, pkixFor, null);
    }

    /** @param dane DNSSEC-validated TLSA lookups, or null to ignore DANE */
    public MxDelivery(MxResolver mx, DnsResolver dns, DeliveryConfig config, MtaStsPolicies sts,
                      Function<String, TlsPolicy> pkixFor, DaneLookup dane) {
        this.dane = dane;
        this.mx = mx;
        this.dns = dns;
        this.config = config;
        this.sts = sts;
        this.pkixFor = pkixFor;
    }

    /** Counts sessions to policy domains for TLS reports (RFC 8460); null to stop counting. */
    public void reportTo(TlsReportCollector collector) {
        this.reports = collector;
    }

    @Override
    public CompletableFuture<List<DeliveryOutcome>> deliver(DeliveryRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return deliverNow(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return all(request, DeliveryOutcome.Deferred::new, "451 4.3.2 delivery interrupted (shutdown)", null);
            }
        }, workers);
    }

    List<DeliveryOutcome> deliverNow(DeliveryRequest req) throws InterruptedException {
        MxRoute route = await(mx.resolve(req.domain()), new MxRoute.TempFail("MX lookup timed out"));
        if (route instanceof MxRoute.NullMx) {
            return all(req, DeliveryOutcome.Failed::new, NULL_MX, null);
        }
        if (route instanceof MxRoute.NoSuchDomain n) {
            // RFC 3463 §3.2: X.1.2 bad destination system address.
            return all(req, DeliveryOutcome.Failed::new, "550 5.1.2 " + n.detail(), null);
        }
        if (route instanceof MxRoute.TempFail t) {
            // RFC 3463 §3.5: X.4.3 directory server failure.
            return all(req, DeliveryOutcome.Deferred::new, "451 4.4.3 " + t.detail(), null);
        }
        MxRoute.Hosts hosts = (MxRoute.Hosts) route;
        MtaStsPolicy policy = sts == null ? null
                : await(sts.policy(req.domain()), Optional.<MtaStsPolicy>empty()).orElse(null);
        boolean enforce = policy != null && policy.mode() == MtaStsPolicy.Mode.ENFORCE;
        // RFC 7672 §2.2.1: DANE only when the MX RRset is DNSSEC-secure.
        boolean daneDomain = dane != null && dane.mxSecure(req.domain());
        String lastError = "451 4.4.1 no MX host of " + req.domain() + " could be reached";
        for (String host : hosts.hosts()) {
            TlsaResult tlsa = daneDomain ? dane.tlsa(host, config.port()) : new TlsaResult.Insecure();
            if (tlsa instanceof TlsaResult.Bogus b) {
                // RFC 7672 §2.2: a host whose TLSA records cannot be validated is not used.
                lastError = "451 4.7.5 DANE: " + b.detail();
                LOG.warn("{}", lastError);
                count(daneKey(req.domain(), List.of()), "tlsa-invalid", host);
                continue;
            }
            if (tlsa instanceof TlsaResult.Secure secure) {
                // DANE applies and is the stricter policy: it replaces MTA-STS for this host.
                AttemptResult r = tryAddresses(req, host, daneTls(secure, host), "DANE");
                TlsReportCollector.PolicyKey key = daneKey(req.domain(), secure.records());
                if (r instanceof AttemptResult.Done d) {
                    count(key, null, host);
                    return d.outcomes();
                }
                String tlsFailure = ((AttemptResult.TryNext) r).tlsFailure();
                if (tlsFailure != null) {
                    count(key, AttemptResult.CERTIFICATE_NOT_TRUSTED.equals(tlsFailure) ? "validation-failure" : tlsFailure, host);
                }
                lastError = ((AttemptResult.TryNext) r).reason();
                continue;
            }
            TlsReportCollector.PolicyKey stsKey = policy == null ? null : stsKey(req.domain(), policy);
            if (enforce && !policy.allows(host)) {
                // RFC 8461 §5: in enforce mode an MX host matching no "mx" pattern must not be used.
                lastError = "451 4.7.5 MTA-STS policy of " + req.domain() + " does not allow MX host " + host;
                LOG.warn("{}", lastError);
                count(stsKey, "validation-failure", host);
                continue;
            }
            if (policy != null && policy.mode() == MtaStsPolicy.Mode.TESTING && !policy.allows(host)) {
                LOG.warn("MTA-STS (testing) policy of {} does not list MX host {}; delivering anyway", req.domain(), host);
                count(stsKey, "validation-failure", host);
            }
            // RFC 8461 §5: enforce mode requires STARTTLS with a PKIX certificate valid for the MX host.
            SmtpAttempt.Tls tls = enforce ? new SmtpAttempt.Tls(pkixFor.apply(host), true)
                    : new SmtpAttempt.Tls(TlsPolicy.opportunistic(), false);
            AttemptResult r = tryAddresses(req, host, tls, enforce ? "MTA-STS" : null);
            if (r instanceof AttemptResult.Done d) {
                if (enforce) {
                    count(stsKey, null, host);
                }
                return d.outcomes();
            }
            if (enforce && ((AttemptResult.TryNext) r).tlsFailure() != null) {
                count(stsKey, ((AttemptResult.TryNext) r).tlsFailure(), host);
            }
            lastError = ((AttemptResult.TryNext) r).reason();
        }
        // RFC 5321 §5.1: when no MX host could be reached, the attempt failed temporarily.
        return all(req, DeliveryOutcome.Deferred::new, lastError, null);
    }

    /**
     * Tries each address of {@code host}: Done from the first that answered per recipient, else
     * TryNext with the last error as reply text. With a {@code strictPolicy} (its name for the
     * error text) TLS failures never fall back to plaintext.
     */
    private AttemptResult tryAddresses(DeliveryRequest req, String host, SmtpAttempt.Tls tls, String strictPolicy) throws InterruptedException {
        boolean strict = strictPolicy != null;
        List<InetAddress> addrs = addresses(host);
        if (addrs.isEmpty()) {
            return new AttemptResult.TryNext("451 4.4.3 MX host " + host + " has no usable address");
        }
        String lastError = null;
        String lastTls = null;
        for (InetAddress a : addrs) {
            AttemptResult r = SmtpAttempt.run(group, config, a, config.port(), host, req, tls, null);
            if (!strict && r instanceof AttemptResult.TryNext next && next.tlsFailed()) {
                LOG.info("TLS with {} failed; retrying in plaintext: {}", host, next.reason());
                r = SmtpAttempt.run(group, config, a, config.port(), host, req, null, null);
            }
            if (r instanceof AttemptResult.Done) {
                return r;
            }
            lastError = (strict ? "451 4.7.5 " + strictPolicy + ": " : "451 4.4.1 ") + ((AttemptResult.TryNext) r).reason();
            lastTls = ((AttemptResult.TryNext) r).tlsFailure();
            LOG.info("delivery for {} via {}: {}", req.domain(), a.getHostAddress(), lastError);
        }
        return new AttemptResult.TryNext(lastError, lastTls);
    }

    private static SmtpAttempt.Tls daneTls(TlsaResult.Secure secure, String host) {
        boolean usable = secure.records().stream().anyMatch(TlsaRecord::usable);
        // RFC 7672 §2.2: with TLSA records STARTTLS is mandatory; without usable ones it is unauthenticated.
        return new SmtpAttempt.Tls(usable ? TlsPolicy.custom(new DaneCertificateCheck(secure.records(), host))
                : TlsPolicy.opportunistic(), true);
    }

    /** Adds one session to the TLS report counts: a success when {@code resultType} is null. */
    private void count(TlsReportCollector.PolicyKey key, String resultType, String host) {
        TlsReportCollector c = reports;
        if (c == null || key == null) {
            return;
        }
        if (resultType == null) {
            c.success(key);
        } else {
            c.failure(key, new TlsReportCollector.Failure(resultType, host, null));
        }
    }

    private static TlsReportCollector.PolicyKey stsKey(String domain, MtaStsPolicy p) {
        List<String> lines = new ArrayList<>();
        lines.add("version: STSv1");
        lines.add("mode: " + p.mode().name().toLowerCase(java.util.Locale.ROOT));
        p.mx().forEach(m -> lines.add("mx: " + m));
        lines.add("max_age: " + p.maxAgeSeconds());
        return new TlsReportCollector.PolicyKey(domain, TlsReportCollector.PolicyType.STS, lines);
    }

    private static TlsReportCollector.PolicyKey daneKey(String domain, List<TlsaRecord> records) {
        return new TlsReportCollector.PolicyKey(domain, TlsReportCollector.PolicyType.TLSA, records.stream()
                .map(r -> r.usage() + " " + r.selector() + " " + r.matching() + " " + java.util.HexFormat.of().formatHex(r.data()))
                .toList());
    }

    /** AAAA then A (RFC 5321 §5.1 leaves the order to the client); duplicates removed. */
    private List<InetAddress> addresses(String host) throws InterruptedException {
        List<InetAddress> out = new ArrayList<>();
        if (config.ipv6()) {
            out.addAll(await(dns.addresses(host, true), new DnsResult.NoData<>()).records());
        }
        out.addAll(await(dns.addresses(host, false), new DnsResult.NoData<>()).records());
        return out.stream().distinct().filter(a -> config.allowLocalAddresses() || !isLocal(a)).toList();
    }

    /** Addresses a public MX never has: ours (loopback, any), link-local, multicast. */
    static boolean isLocal(InetAddress a) {
        return a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isMulticastAddress();
    }

    private <T> T await(CompletableFuture<T> f, T onTimeout) throws InterruptedException {
        try {
            return f.get(config.attemptTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return onTimeout;
        }
    }

    @FunctionalInterface
    interface OutcomeFactory {
        DeliveryOutcome make(String address, String reply, String mta);
    }

    static List<DeliveryOutcome> all(DeliveryRequest req, OutcomeFactory f, String reply, String mta) {
        return req.recipients().stream().map(r -> f.make(r.address(), reply, mta)).toList();
    }

    @Override
    public void close() {
        workers.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
