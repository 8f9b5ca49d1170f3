package org.hearthmail.relay.queue;

/** Where one recipient of a queued message stands. DELIVERED and BOUNCED are final. */
public enum RecipientStatus {
    /** Not tried yet. */
    PENDING,
    /** Tried and failed temporarily (4yz, connection failure); tried again at the next-attempt time. */
    DEFERRED,
    /** A remote server answered 250 for it; the relay's responsibility ended (RFC 5321 §6.1). */
    DELIVERED,
    /** Failed permanently (5yz, null MX, or retries exhausted); the sender was or will be notified. */
    BOUNCED;

    public boolean isFinal() {
        return this == DELIVERED || this == BOUNCED;
    }
}
