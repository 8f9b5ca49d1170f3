package org.hearthmail.mailstore.submission;

import org.hearthmail.smtp.Reply;

/** The replies of the submission policy, each with the RFC 3463 code that defines it. */
final class SubmissionReplies {
    private SubmissionReplies() {
    }

    /** RFC 3463 §3.8: X.7.1 delivery not authorized; names the address the user may not use. */
    static Reply notYourAddress(String where, String address) {
        return Reply.of(550, "5.7.1", "Sender address <" + address + "> in " + where + " is not one of your addresses");
    }

    /** RFC 3463 §3.8: X.7.1; the null sender is for bounces, which clients do not send. */
    static final Reply NULL_SENDER = Reply.of(550, "5.7.1", "Null sender <> is not allowed for submission");

    /** RFC 3463 §3.7: X.6.0 other media error: RFC 5322 §3.6 requires a From field. */
    static final Reply NO_FROM = Reply.of(550, "5.6.0", "Message has no valid From header field (RFC 5322 3.6.2)");

    /** RFC 3463 §3.4: X.3.4 message too big for system (the header section alone). */
    static final Reply HEADER_TOO_BIG = Reply.of(552, "5.3.4", "Header section too large");

    /** RFC 3463 §3.3: X.1.1 bad destination mailbox, for addresses of our own domains. */
    static final Reply NO_SUCH_USER = Reply.of(550, "5.1.1", "No such user here");

    /** RFC 3463 §3.4: X.2.2 mailbox full. */
    static final Reply MAILBOX_FULL = Reply.of(452, "4.2.2", "Mailbox full, try again later");

    /** RFC 3463 §3.5: X.4.1 no answer from host: the relay could not be reached. */
    static final Reply RELAY_UNREACHABLE = Reply.of(451, "4.4.1", "Outbound relay unreachable, try again later");

    /** RFC 3463 §3.5: X.3.5 system incorrectly configured: no relay provisioned yet. */
    static final Reply RELAY_NOT_CONFIGURED = Reply.of(451, "4.3.5", "Outbound relay not configured, try again later");

    /** RFC 3463 §3.8: X.7.0; login attempts from this address are temporarily refused. */
    static final Reply THROTTLED = Reply.of(454, "4.7.0", "Too many failed logins, try again later");
    static final Reply BANNED = Reply.of(421, "4.7.0", "Too many failed logins from your address, try again later");

    static final Reply QUEUED = Reply.of(250, "2.0.0", "Message accepted for delivery");
}
