package org.hearthmail.relay.outbound;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.Random;
import org.hearthmail.dns.DnsResolver;
import org.hearthmail.relay.delivery.MailstoreDelivery;
import org.hearthmail.relay.delivery.MxDelivery;
import org.hearthmail.relay.delivery.MxResolver;
import org.hearthmail.relay.dsn.DsnNotifier;
import org.hearthmail.relay.delivery.dane.DaneLookup;
import org.hearthmail.relay.delivery.sts.MtaStsFetcher;
import org.hearthmail.relay.delivery.sts.MtaStsPolicies;
import org.hearthmail.relay.queue.DeliveryScheduler;
import org.hearthmail.relay.queue.RateThrottle;
import org.hearthmail.relay.queue.Throttle;
import org.hearthmail.relay.queue.WarmupThrottle;
import org.hearthmail.smtp.client.TlsPolicy;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hearthmail.relay.delivery.tlsrpt.TlsReportCollector;
import org.hearthmail.relay.delivery.tlsrpt.TlsReportSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.hearthmail.relay.queue.QueueStore;
import org.hearthmail.relay.queue.SuppressionList;

/**
 * The outbound side assembled: queue (recovered at start), listener, scheduler, MX and mailstore
 * delivery, DSNs, suppression list, throttles, MTA-STS, DANE and daily TLS reports. What {@code edge-relay run} starts.
 */
public final class OutboundService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundService.class);
    public static final String QUEUE_DIR = "queue";
    public static final String SUPPRESSION_FILE = "suppressed";
    public static final String WARMUP_FILE = "warmup-count";

    private final QueueStore queue;
    private final OutboundListener listener;
    private final InetSocketAddress listenerAddress;
    private final MxDelivery mx;
    private final MailstoreDelivery mailstore;
    private final DeliveryScheduler scheduler;
    private final ScheduledExecutorService daily;

    private OutboundService(QueueStore queue, OutboundListener listener, InetSocketAddress listenerAddress, MxDelivery mx,
                            MailstoreDelivery mailstore, DeliveryScheduler scheduler, ScheduledExecutorService daily) {
        this.daily = daily;
        this.queue = queue;
        this.listener = listener;
        this.listenerAddress = listenerAddress;
        this.mx = mx;
        this.mailstore = mailstore;
        this.scheduler = scheduler;
    }

    public static OutboundService start(OutboundSettings s, DnsResolver dns, Clock clock) throws InterruptedException {
        return start(s, dns, null, clock);
    }

    /**
     * @param dns   resolver for MX, address and MTA-STS lookups
     * @param dane  DNSSEC-validated TLSA lookups (RFC 7672), or null to deliver without DANE
     */
    public static OutboundService start(OutboundSettings s, DnsResolver dns, DaneLookup dane, Clock clock)
            throws InterruptedException {
        QueueStore queue = QueueStore.open(s.dataDir().resolve(QUEUE_DIR));
        queue.recover();
        SuppressionList suppression = SuppressionList.open(s.dataDir().resolve(SUPPRESSION_FILE));
        MtaStsPolicies sts = s.mtaSts() ? new MtaStsPolicies(dns, MtaStsFetcher.standard(Duration.ofSeconds(60)), clock) : null;
        MxDelivery mx = new MxDelivery(new MxResolver(dns, new Random()), dns, s.delivery(), sts, TlsPolicy::pkix, dane);
        MailstoreDelivery mailstore = new MailstoreDelivery(s.mailstoreIntake(), s.delivery(), s.mailstoreTls(), null, null);
        DeliveryScheduler scheduler = new DeliveryScheduler(queue, mx, mailstore,
                new DsnNotifier(queue, s.delivery().heloName(), clock, s.retry().giveUpAfter()),
                suppression, s.retry(), s.limits(), clock);
        Throttle throttle = Throttle.NONE;
        if (s.ratePerMinute() > 0) {
            throttle = throttle.and(new RateThrottle(s.ratePerMinute()));
        }
        if (!s.warmupWeeklyCaps().isEmpty()) {
            throttle = throttle.and(new WarmupThrottle(s.warmupWeeklyCaps(), s.warmupStart(), s.dataDir().resolve(WARMUP_FILE)));
        }
        scheduler.throttle(throttle);
        queue.onCommit(scheduler::wake); // new mail is looked at now, not at the next scan
        ScheduledExecutorService daily = null;
        if (s.tlsReportAddress() != null) {
            TlsReportCollector collector = new TlsReportCollector();
            mx.reportTo(collector);
            TlsReportSender sender = new TlsReportSender(dns, queue, HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(30)).build(),
                    s.delivery().heloName(), s.tlsReportAddress());
            daily = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tls-reports");
                t.setDaemon(true);
                return t;
            });
            // RFC 8460 §4.1: reports cover whole UTC days; sent shortly after midnight.
            Instant now = clock.instant();
            Instant midnight = now.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
            daily.scheduleAtFixedRate(() -> {
                Instant end = clock.instant().truncatedTo(ChronoUnit.DAYS);
                try {
                    sender.send(collector.drain(), end.minus(1, ChronoUnit.DAYS), end);
                } catch (RuntimeException e) {
                    LOG.error("sending TLS reports failed: {}", e.getMessage(), e);
                }
            }, Duration.between(now, midnight).toMillis() + 60_000, TimeUnit.DAYS.toMillis(1), TimeUnit.MILLISECONDS);
        }
        OutboundListener listener = null;
        InetSocketAddress bound = null;
        try {
            if (s.listener() != null) {
                listener = new OutboundListener(s.listener(), queue, suppression);
                bound = listener.start();
            }
            scheduler.start(s.scanInterval());
        } catch (InterruptedException | RuntimeException e) {
            if (daily != null) {
                daily.shutdownNow();
            }
            if (listener != null) {
                listener.close();
            }
            scheduler.close();
            mx.close();
            mailstore.close();
            throw e;
        }
        return new OutboundService(queue, listener, bound, mx, mailstore, scheduler, daily);
    }

    public QueueStore queue() {
        return queue;
    }

    /** Where the listener is bound, if there is one. */
    public Optional<InetSocketAddress> listenerAddress() {
        return Optional.ofNullable(listenerAddress);
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
        if (daily != null) {
            daily.shutdownNow();
        }
        scheduler.close();
        mx.close();
        mailstore.close();
    }
}
