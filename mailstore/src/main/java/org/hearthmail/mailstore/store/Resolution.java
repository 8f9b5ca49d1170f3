package org.hearthmail.mailstore.store;

/** What a recipient address resolves to at RCPT time. */
public sealed interface Resolution {

    /** The address delivers to {@code mailbox} of {@code user}. */
    record Resolved(User user, Mailbox mailbox) implements Resolution {
    }

    /** No user, alias or catch-all matches (RFC 3463: 5.1.1 bad destination mailbox). */
    record Unknown(String address) implements Resolution {
    }

    /** The user exists but has no room left (RFC 3463: 4.2.2 / 5.2.2 mailbox full). */
    record OverQuota(User user, Quota quota) implements Resolution {
    }
}
