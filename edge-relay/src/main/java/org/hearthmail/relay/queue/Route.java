package org.hearthmail.relay.queue;

/** Where a queued message goes. */
public enum Route {
    /** To each recipient domain's MX hosts on the internet (RFC 5321 §5). */
    MX,
    /** To the mailstore's intake (delivery status notifications for local senders). */
    MAILSTORE
}
