package org.hearthmail.mailstore.submission;

import java.util.function.BooleanSupplier;
import org.hearthmail.mailstore.store.AccountStore;
import org.hearthmail.mailstore.store.InvalidAddressException;
import org.hearthmail.mailstore.store.MessageStore;
import org.hearthmail.mailstore.store.Resolution;
import org.hearthmail.smtp.Mailbox;

/**
 * Decides at RCPT time where a recipient goes: an address of a hosted domain must exist here
 * (else 550 5.1.1, as the intake would answer) and is delivered locally; any other domain goes to
 * the relay, if one is provisioned. Blocking (database): call on a worker.
 */
final class RecipientRouter {

    private final MessageStore messages;
    private final AccountStore accounts;
    private final BooleanSupplier relayConfigured;

    RecipientRouter(MessageStore messages, AccountStore accounts, BooleanSupplier relayConfigured) {
        this.messages = messages;
        this.accounts = accounts;
        this.relayConfigured = relayConfigured;
    }

    Route route(Mailbox recipient) {
        String address = recipient.toString();
        boolean hosted;
        try {
            hosted = accounts.domain(recipient.domain()).isPresent();
        } catch (InvalidAddressException | IllegalArgumentException e) {
            hosted = false;
        }
        if (hosted) {
            Resolution r = messages.resolveRecipient(address);
            if (r instanceof Resolution.Resolved) {
                return new Route.Local(address);
            }
            if (r instanceof Resolution.OverQuota) {
                return new Route.Refused(SubmissionReplies.MAILBOX_FULL);
            }
            return new Route.Refused(SubmissionReplies.NO_SUCH_USER);
        }
        if (!relayConfigured.getAsBoolean()) {
            return new Route.Refused(SubmissionReplies.RELAY_NOT_CONFIGURED);
        }
        return new Route.Remote(address);
    }
}
