package org.hearthmail.smtp.client;

import java.util.List;
import java.util.Optional;
import org.hearthmail.smtp.Reply;

/**
 * What the server said to each step of one mail transaction.
 *
 * @param mail the reply to MAIL
 * @param recipients one reply per RCPT, in envelope order
 * @param message the final reply to the content (after "." or BDAT LAST), or the reply to DATA
 *     when it was refused; empty when no content command was sent
 */
public record TransactionResult(Reply mail, List<RecipientResult> recipients, Optional<Reply> message) {

    public TransactionResult {
        recipients = List.copyOf(recipients);
    }

    /** The reply to one RCPT. */
    public record RecipientResult(Envelope.Recipient recipient, Reply reply) {
        public boolean accepted() {
            return reply.isPositive();
        }
    }

    /** True when the server took responsibility for the message for {@link #acceptedRecipients()} (RFC 5321 §4.1.1.4). */
    public boolean delivered() {
        return mail.isPositive() && message.map(r -> r.code() == 250).orElse(false)
                && recipients.stream().anyMatch(RecipientResult::accepted);
    }

    public List<Envelope.Recipient> acceptedRecipients() {
        return recipients.stream().filter(RecipientResult::accepted).map(RecipientResult::recipient).toList();
    }
}
