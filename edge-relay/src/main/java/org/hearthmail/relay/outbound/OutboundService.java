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
import java.time.Duration;
import org.hearthmail.relay.queue.QueueStore;
import org.hearthmail.relay.queue.SuppressionList;

/**
 * The outbound side assembled: queue (recovered at start), listener, scheduler, MX and mailstore
 * delivery, DSNs, suppression list. What {@code edge-relay run} starts.
 */
public final class OutboundService implements AutoCloseable {
    public static final String QUEUE_DIR = "queue";
    public static final String SUPPRESSION_FILE = "suppressed";
    public static final String WARMUP_FILE = "warmup-count";

    private final QueueStore queue;
    private final OutboundListener listener;
    private final InetSocketAddress listenerAddress;
    private final MxDelivery mx;
    private final MailstoreDelivery mailstore;
    private final DeliveryScheduler scheduler;

    private OutboundService(QueueStore queue, OutboundListener listener, InetSocketAddress listenerAddress, MxDelivery mx,
                            MailstoreDelivery mailstore, DeliveryScheduler scheduler) {
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
        OutboundListener listener = null;
        InetSocketAddress bound = null;
        try {
            if (s.listener() != null) {
                listener = new OutboundListener(s.listener(), queue, suppression);
                bound = listener.start();
            }
            scheduler.start(s.scanInterval());
        } catch (InterruptedException | RuntimeException e) {
            if (listener != null) {
                listener.close();
            }
            scheduler.close();
            mx.close();
            mailstore.close();
            throw e;
        }
        return new OutboundService(queue, listener, bound, mx, mailstore, scheduler);
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
        scheduler.close();
        mx.close();
        mailstore.close();
    }
}
