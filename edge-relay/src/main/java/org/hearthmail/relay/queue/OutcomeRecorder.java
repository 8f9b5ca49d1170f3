package org.hearthmail.relay.queue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Applies one attempt's outcomes to a message's recipient states: the retry and give-up rules. Pure. */
public final class OutcomeRecorder {
    private OutcomeRecorder() {
    }

    /**
     * The new message state and what the sender must be told.
     *
     * @param failed   recipients that became BOUNCED now and want a failure DSN
     * @param delayed  recipients still DEFERRED that now want a delay DSN
     * @param hardBounced recipients whose remote said the mailbox does not exist (for the suppression list)
     */
    public record Applied(QueuedMessage message, List<RecipientState> failed, List<RecipientState> delayed,
                          List<RecipientState> hardBounced) {
    }

    /** Prefix of the reply recorded when retries are exhausted; RFC 3463: 4.4.7 delivery time expired. */
    public static final String EXPIRED = "Delivery time expired (RFC 3463 4.4.7); last error: ";

    public static Applied apply(QueuedMessage msg, List<DeliveryOutcome> outcomes, long nowMillis, RetryPolicy policy) {
        Map<String, DeliveryOutcome> byAddress = new HashMap<>();
        for (DeliveryOutcome o : outcomes) {
            byAddress.put(o.address(), o);
        }
        List<RecipientState> next = new ArrayList<>();
        List<RecipientState> failed = new ArrayList<>();
        List<RecipientState> delayed = new ArrayList<>();
        List<RecipientState> hard = new ArrayList<>();
        long age = nowMillis - msg.receivedMillis();
        for (RecipientState r : msg.recipients()) {
            DeliveryOutcome o = byAddress.get(r.address());
            if (o == null || r.status().isFinal()) {
                next.add(r);
                continue;
            }
            int attempts = r.attempts() + 1;
            RecipientState n;
            if (o instanceof DeliveryOutcome.Delivered d) {
                n = r.withOutcome(RecipientStatus.DELIVERED, attempts, 0, d.reply(), d.remoteMta());
            } else if (o instanceof DeliveryOutcome.Failed f) {
                n = r.withOutcome(RecipientStatus.BOUNCED, attempts, 0, f.reply(), f.remoteMta());
                if (isMailboxUnknown(f.reply())) {
                    hard.add(n);
                }
            } else if (age >= policy.giveUpAfter().toMillis()) {
                // RFC 5321 §4.5.4.1: give up after the configured time and report the failure.
                n = r.withOutcome(RecipientStatus.BOUNCED, attempts, 0, EXPIRED + o.reply(), o.remoteMta());
            } else {
                long wait = policy.delayAfter(attempts).toMillis();
                n = r.withOutcome(RecipientStatus.DEFERRED, attempts, nowMillis + wait, o.reply(), o.remoteMta());
                if (!n.delayNotified() && age >= policy.delayNotice().toMillis()
                        && !msg.nullSender() && n.wantsNotice("DELAY")) {
                    n = n.withDelayNotified();
                    delayed.add(n);
                }
            }
            if (n.status() == RecipientStatus.BOUNCED && !msg.nullSender() && n.wantsNotice("FAILURE")) {
                failed.add(n);
            }
            next.add(n);
        }
        return new Applied(msg.withRecipients(next), failed, delayed, hard);
    }

    /** RFC 3463 §3.2: X.1.1 bad destination mailbox address. */
    static boolean isMailboxUnknown(String reply) {
        return reply != null && reply.matches("^5\\d\\d[ -]5\\.1\\.1(\\s.*)?$");
    }
}
