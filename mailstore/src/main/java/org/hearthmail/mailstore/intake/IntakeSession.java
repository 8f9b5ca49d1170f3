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

    private final AsyncStore store;
    private final IntakeConfig config;

    IntakeSession(AsyncStore store, IntakeConfig config) {
        this.store = store;
        this.config = config;
    }

    /** RFC 3463 §3.3: X.2.2 mailbox full; temporary unless configured permanent. */
    static Reply overQuota(IntakeConfig config) {
        return config.overQuotaIsPermanent() ? Reply.of(552, "5.2.2", "Mailbox full")
                : Reply.of(452, "4.2.2", "Mailbox full, try again later");
    }

    @Override
    public CompletionStage<Decision> mailFrom(SessionInfo session, MailFrom mailFrom) {
        return CompletableFuture.completedFuture(Decision.accept());
    }

    @Override
    public CompletionStage<Decision> rcptTo(SessionInfo session, MailFrom mailFrom, RcptTo rcptTo) {
        return store.resolveRecipient(rcptTo.recipient().toString()).thenApply(r -> {
            if (r instanceof Resolution.Resolved) {
                return Decision.accept();
            }
            if (r instanceof Resolution.OverQuota) {
                return Decision.reject(overQuota(config));
            }
            return Decision.reject(USER_UNKNOWN);
        });
    }

    @Override
    public CompletionStage<MessageSink> openMessage(SessionInfo session, Envelope envelope) {
        return CompletableFuture.completedFuture(new IntakeMessage(store, config, session, envelope));
    }
}
