package org.hearthmail.relay.queue;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One recipient of a queued message and its delivery state.
 *
 * @param address            the forward-path without angle brackets
 * @param notifyOn           DSN NOTIFY values as given by the sender (RFC 3461 §4.1); empty when absent
 * @param orcpt              DSN ORCPT as sent ({@code addr-type ";" xtext}), or null
 * @param status             where it stands
 * @param attempts           delivery attempts made so far
 * @param nextAttemptMillis  epoch millis of the next attempt (PENDING/DEFERRED); 0 means now
 * @param lastReply          the last remote reply or failure description, or null
 * @param remoteMta          the host that gave {@code lastReply}, or null
 * @param delayNotified      a delay DSN was already sent for this recipient
 */
public record RecipientState(String address, List<String> notifyOn, String orcpt, RecipientStatus status,
                             int attempts, long nextAttemptMillis, String lastReply, String remoteMta,
                             boolean delayNotified) {

    public RecipientState {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(status, "status");
        notifyOn = notifyOn == null ? List.of() : List.copyOf(notifyOn);
    }

    public static RecipientState pending(String address, List<String> notifyOn, String orcpt) {
        return new RecipientState(address, notifyOn, orcpt, RecipientStatus.PENDING, 0, 0, null, null, false);
    }

    /** The domain part, lower case: the unit of grouping for delivery. */
    public String domain() {
        int at = address.lastIndexOf('@');
        return address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    public boolean dueAt(long nowMillis) {
        return !status.isFinal() && nextAttemptMillis <= nowMillis;
    }

    /**
     * RFC 3461 §4.1: NOTIFY=NEVER asks for no DSN at all; without NOTIFY a failure is reported, and a
     * delay may be (we report it).
     */
    public boolean wantsNotice(String kind) {
        if (notifyOn.isEmpty()) {
            return !"SUCCESS".equals(kind);
        }
        return notifyOn.contains(kind);
    }

    public RecipientState withOutcome(RecipientStatus newStatus, int newAttempts, long next, String reply, String mta) {
        return new RecipientState(address, notifyOn, orcpt, newStatus, newAttempts, next, reply, mta, delayNotified);
    }

    public RecipientState withDelayNotified() {
        return new RecipientState(address, notifyOn, orcpt, status, attempts, nextAttemptMillis, lastReply, remoteMta, true);
    }

    public RecipientState retryNow() {
        return status.isFinal() ? this
                : new RecipientState(address, notifyOn, orcpt, status, attempts, 0, lastReply, remoteMta, delayNotified);
    }
}
