package org.hearthmail.relay.outbound;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.hearthmail.rcptcache.RecipientCachePush;
import org.hearthmail.relay.queue.QueueStore;
import org.hearthmail.relay.queue.QueuedMessage;
import org.hearthmail.relay.queue.RecipientState;
import org.hearthmail.relay.queue.Route;
import org.hearthmail.relay.queue.SuppressionList;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.Decision;
import org.hearthmail.smtp.server.Envelope;
import org.hearthmail.smtp.server.MailFrom;
import org.hearthmail.smtp.server.MessageSink;
import org.hearthmail.smtp.server.RcptTo;
import org.hearthmail.smtp.server.SessionHandler;
import org.hearthmail.smtp.server.SessionInfo;
import org.hearthmail.smtp.trace.ReceivedHeader;

/**
 * One authenticated session from the mailstore: every recipient is queued for delivery to its MX,
 * except the recipient cache control address (docs/adr/0007), whose transaction installs a pushed cache.
 */
final class OutboundSession implements SessionHandler {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OutboundSession.class);
    static final Reply SUPPRESSED = Reply.of(550, "5.1.1", "Recipient address bounced before and is suppressed");
    /** RFC 3463 §3.8 X.7.0: this relay keeps no recipient cache (no salt configured). */
    static final Reply NO_CACHE = Reply.of(550, "5.7.0", "This relay keeps no recipient cache ([spool] recipient_cache_salt)");
    /** RFC 5321 §3.3: a push is a transaction of its own, with no other recipient. */
    /** RFC 3463 §3.8 X.7.1: delivery not authorized (a push from elsewhere than the mailstore's tunnel address). */
    static final Reply NOT_FROM_TUNNEL = Reply.of(550, "5.7.1", "Recipient cache pushes are taken from the mailstore only");
    static final Reply PUSH_ALONE = Reply.of(503, "5.5.1", "A recipient cache push takes no other recipients");

    /** Set for this transaction once the control address was accepted; null for ordinary mail. */
    private String transaction;
    private int recipients;
    private CachePushes pushes;

    private final QueueStore queue;
    private final SuppressionList suppression;
    private final String hostname;
    private final Executor disk;

    OutboundSession(QueueStore queue, SuppressionList suppression, String hostname, Executor disk) {
        this.queue = queue;
        this.suppression = suppression;
        this.hostname = hostname;
        this.disk = disk;
    }

    @Override
    public CompletionStage<Decision> mailFrom(SessionInfo session, MailFrom mailFrom) {
        // AUTH and TLS are enforced by the server (requireAuth, requireTls) before MAIL is seen.
        return CompletableFuture.completedFuture(Decision.accept());
    }

    /** Accepts pushes of the recipient cache as {@code p} says; null refuses them. */
    OutboundSession cachePushes(CachePushes p) {
        this.pushes = p;
        return this;
    }

    @Override
    public CompletionStage<Decision> rcptTo(SessionInfo session, MailFrom mailFrom, RcptTo rcptTo) {
        if (RecipientCachePush.isControlAddress(rcptTo.recipient().toString())) {
            if (pushes == null) {
                return CompletableFuture.completedFuture(Decision.reject(NO_CACHE));
            }
            // Only the mailstore, from its side of the tunnel, besides the AUTH the server demanded.
            if (session.client() == null || !pushes.from().equals(session.client().getAddress())) {
                LOG.warn("session {}: recipient cache push from {} refused: only {} may push", session.id(),
                        session.client(), pushes.from().getHostAddress());
                return CompletableFuture.completedFuture(Decision.reject(NOT_FROM_TUNNEL));
            }
            if (recipients > 0 || transaction != null) {
                return CompletableFuture.completedFuture(Decision.reject(PUSH_ALONE));
            }
            transaction = RecipientCachePush.CONTROL_ADDRESS;
            return CompletableFuture.completedFuture(Decision.accept());
        }
        if (transaction != null) {
            return CompletableFuture.completedFuture(Decision.reject(PUSH_ALONE));
        }
        recipients++;
        if (suppression != null && suppression.contains(rcptTo.recipient().toString())) {
            return CompletableFuture.completedFuture(Decision.reject(SUPPRESSED));
        }
        return CompletableFuture.completedFuture(Decision.accept());
    }

    @Override
    public CompletionStage<MessageSink> openMessage(SessionInfo session, Envelope envelope) {
        if (transaction != null) {
            return CompletableFuture.completedFuture(new RecipientCacheSink(pushes.store(), disk, session.id()));
        }
        QueuedMessage meta = toQueued(envelope);
        String single = envelope.recipients().size() == 1 ? envelope.recipients().get(0).recipient().toString() : null;
        String received = ReceivedHeader.build(session, hostname, "hearthmail edge-relay", single, ZonedDateTime.now());
        return CompletableFuture.supplyAsync(() -> new QueueSink(queue.begin(), meta, received, disk), disk);
    }

    @Override
    public void reset() {
        transaction = null;
        recipients = 0;
    }

    static QueuedMessage toQueued(Envelope e) {
        MailFrom m = e.mailFrom();
        List<RecipientState> rcpts = e.recipients().stream()
                .map(r -> RecipientState.pending(r.recipient().toString(), List.copyOf(r.notifyOn()), r.orcpt()))
                .toList();
        return new QueuedMessage("pending", m.isNullSender() ? "" : m.sender().toString(), m.envId(), m.ret(),
                m.body(), m.smtpUtf8(), System.currentTimeMillis(), 0, false, Route.MX, rcpts);
    }
}
