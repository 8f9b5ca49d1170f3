package org.hearthmail.relay.outbound;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
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

/** One authenticated session from the mailstore: every recipient is queued for delivery to its MX. */
final class OutboundSession implements SessionHandler {
    static final Reply SUPPRESSED = Reply.of(550, "5.1.1", "Recipient address bounced before and is suppressed");

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

    @Override
    public CompletionStage<Decision> rcptTo(SessionInfo session, MailFrom mailFrom, RcptTo rcptTo) {
        if (suppression != null && suppression.contains(rcptTo.recipient().toString())) {
            return CompletableFuture.completedFuture(Decision.reject(SUPPRESSED));
        }
        return CompletableFuture.completedFuture(Decision.accept());
    }

    @Override
    public CompletionStage<MessageSink> openMessage(SessionInfo session, Envelope envelope) {
        QueuedMessage meta = toQueued(envelope);
        String single = envelope.recipients().size() == 1 ? envelope.recipients().get(0).recipient().toString() : null;
        String received = ReceivedHeader.build(session, hostname, "hearthmail edge-relay", single, ZonedDateTime.now());
        return CompletableFuture.supplyAsync(() -> new QueueSink(queue.begin(), meta, received, disk), disk);
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
