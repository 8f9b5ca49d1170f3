package org.hearthmail.mailstore.intake;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.hearthmail.mailstore.store.AsyncStore;
import org.hearthmail.mailstore.store.Resolution;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.Decision;
import org.hearthmail.smtp.server.Envelope;
import org.hearthmail.smtp.server.MailFrom;
import org.hearthmail.smtp.server.MessageSink;
import org.hearthmail.smtp.server.RcptTo;
import org.hearthmail.smtp.server.SessionHandler;
import org.hearthmail.smtp.server.SessionInfo;

/** Intake policy for one session: recipients checked against the store, content into the store. */
final class IntakeSession implements SessionHandler {

    /** RFC 3463 §3.3: X.1.1 bad destination mailbox address. */
    static final Reply USER_UNKNOWN = Reply.of(550, "5.1.1", "No such user here");

    /** RFC 3463 §3.8: X.7.1 delivery not authorized; only the relay hands over spool entries. */
    static final Reply SPOOL_NOT_ALLOWED = Reply.of(550, "5.7.1", "Spool hand-over only from a trusted relay");
    /** The spool recipient travels alone (ADR 0003 §3). */
    static final Reply SPOOL_ALONE = Reply.of(503, "5.5.1", "The spool recipient cannot be mixed with others");

    private final AsyncStore store;
    private final IntakeConfig config;
    private final SpoolIntake spool;
    private final java.util.concurrent.ExecutorService spoolWorker;
    // The current transaction: whether it is a spool hand-over, and whether it has other recipients.
    private volatile boolean spoolTransaction;
    private volatile boolean ordinaryRecipients;

    IntakeSession(AsyncStore store, IntakeConfig config) {
        this(store, config, null, null);
    }

    /** @param spool null when this intake takes no spool entries */
    IntakeSession(AsyncStore store, IntakeConfig config, SpoolIntake spool, java.util.concurrent.ExecutorService spoolWorker) {
        this.store = store;
        this.config = config;
        this.spool = spool;
        this.spoolWorker = spoolWorker;
    }

    /** RFC 3463 §3.3: X.2.2 mailbox full; temporary unless configured permanent. */
    static Reply overQuota(IntakeConfig config) {
        return config.overQuotaIsPermanent() ? Reply.of(552, "5.2.2", "Mailbox full")
                : Reply.of(452, "4.2.2", "Mailbox full, try again later");
    }

    @Override
    public CompletionStage<Decision> mailFrom(SessionInfo session, MailFrom mailFrom) {
        spoolTransaction = false;
        ordinaryRecipients = false;
        return CompletableFuture.completedFuture(Decision.accept());
    }

    @Override
    public CompletionStage<Decision> rcptTo(SessionInfo session, MailFrom mailFrom, RcptTo rcptTo) {
        if (rcptTo.recipient().toString().equalsIgnoreCase(SpoolIntake.RECIPIENT)) {
            // ADR 0003 §3: honoured only in a session the relay opened with a trusted XCLIENT.
            if (spool == null || !fromRelay(session)) {
                return CompletableFuture.completedFuture(Decision.reject(SPOOL_NOT_ALLOWED));
            }
            if (ordinaryRecipients) {
                return CompletableFuture.completedFuture(Decision.reject(SPOOL_ALONE));
            }
            spoolTransaction = true;
            return CompletableFuture.completedFuture(Decision.accept());
        }
        if (spoolTransaction) {
            return CompletableFuture.completedFuture(Decision.reject(SPOOL_ALONE));
        }
        return store.resolveRecipient(rcptTo.recipient().toString()).thenApply(r -> {
            if (r instanceof Resolution.Resolved) {
                ordinaryRecipients = true;
                return Decision.accept();
            }
            if (r instanceof Resolution.OverQuota) {
                return Decision.reject(overQuota(config));
            }
            return Decision.reject(USER_UNKNOWN);
        });
    }

    /**
     * The relay's drainer says {@code XCLIENT LOGIN=<relay name>} (ADR 0003 §3): only a trusted peer
     * may send XCLIENT at all, the intake offers no AUTH, so a login here came from XCLIENT; the
     * peer must also be one of the relay addresses (LOGIN alone leaves the TCP peer as the client).
     */
    private boolean fromRelay(SessionInfo session) {
        if (session.forwarded()) {
            return true;
        }
        return session.authIdentity() != null && session.client() != null && !session.client().isUnresolved()
                && config.relayAddresses().contains(session.client().getAddress());
    }

    @Override
    public CompletionStage<MessageSink> openMessage(SessionInfo session, Envelope envelope) {
        if (spoolTransaction) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return new SpoolIntakeMessage(store, config, spool, session, spoolWorker);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, spoolWorker);
        }
        return CompletableFuture.completedFuture(new IntakeMessage(store, config, session, envelope));
    }
}
