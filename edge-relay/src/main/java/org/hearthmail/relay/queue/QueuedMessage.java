package org.hearthmail.relay.queue;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The envelope and state of one queued message (its content is a separate file).
 *
 * @param id              queue id (file name stem)
 * @param sender          the reverse-path without brackets; empty for the null sender {@code <>}
 * @param envId           DSN ENVID as sent (RFC 3461 §4.4), or null
 * @param ret             DSN RET: FULL, HDRS or null (RFC 3461 §4.3)
 * @param body            BODY parameter (7BIT, 8BITMIME) or null (RFC 6152)
 * @param smtpUtf8        the message needs SMTPUTF8 (RFC 6531)
 * @param receivedMillis  epoch millis when it was queued
 * @param size            content size in octets
 * @param held            an operator put it on hold: no delivery until released
 * @param route           where it goes
 * @param recipients      at least one
 */
public record QueuedMessage(String id, String sender, String envId, String ret, String body, boolean smtpUtf8,
                            long receivedMillis, long size, boolean held, Route route,
                            List<RecipientState> recipients) {

    public QueuedMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(route, "route");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a queued message needs at least one recipient");
        }
    }

    public boolean nullSender() {
        return sender.isEmpty();
    }

    /** Every recipient is DELIVERED or BOUNCED: nothing is left to do. */
    public boolean finished() {
        return recipients.stream().allMatch(r -> r.status().isFinal());
    }

    public QueuedMessage withRecipients(List<RecipientState> rs) {
        return new QueuedMessage(id, sender, envId, ret, body, smtpUtf8, receivedMillis, size, held, route, rs);
    }

    public QueuedMessage mapRecipients(UnaryOperator<RecipientState> f) {
        return withRecipients(recipients.stream().map(f).toList());
    }

    public QueuedMessage withHeld(boolean h) {
        return new QueuedMessage(id, sender, envId, ret, body, smtpUtf8, receivedMillis, size, h, route, recipients);
    }

    /** Every open recipient due now (operator retry). */
    public QueuedMessage retryNowAll() {
        return mapRecipients(RecipientState::retryNow);
    }

    public QueuedMessage withId(String newId) {
        return new QueuedMessage(newId, sender, envId, ret, body, smtpUtf8, receivedMillis, size, held, route, recipients);
    }

    public QueuedMessage withSize(long newSize) {
        return new QueuedMessage(id, sender, envId, ret, body, smtpUtf8, receivedMillis, newSize, held, route, recipients);
    }
}
