package org.hearthmail.relay.forward;

import java.time.Duration;
import java.util.Objects;
import org.hearthmail.smtp.client.SmtpTimeouts;

/**
 * How long the relay waits for the mailstore across the tunnel ({@code [mailstore]} in relay.toml).
 *
 * <p>RFC 5321 §4.5.3.2: "Based on extensive experience with busy mail-relay hosts, the minimum
 * per-command timeout values SHOULD be as follows" (5 minutes for MAIL and RCPT, 10 for the final
 * reply), and timeouts "SHOULD be easily reconfigurable". Those are for a client waiting on some
 * server on the internet. The mailstore is no such server: it is ours, one tunnel hop away, and
 * answers in milliseconds when it is up; going below the SHOULD here is deliberate. While it
 * waits, the relay holds a sender. So this hop gets its own short limits, after which the relay
 * stops waiting and keeps the transaction itself (the sealed spool); the sender-facing side keeps
 * the RFC 5321 timeouts.
 *
 * @param command every reply but the last: greeting, XCLIENT, EHLO, MAIL, RCPT, DATA's 354, RSET,
 *                and each block of content written
 * @param commit  the final reply after the content (end of DATA or BDAT LAST), which the mailstore
 *                sends after its fsync
 */
public record LinkTimeouts(Duration command, Duration commit) {

    public static final LinkTimeouts DEFAULT = new LinkTimeouts(Duration.ofSeconds(15), Duration.ofSeconds(60));

    public LinkTimeouts {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(commit, "commit");
        if (command.isNegative() || command.isZero() || commit.isNegative() || commit.isZero()) {
            throw new IllegalArgumentException("link timeouts must be positive");
        }
    }

    /** The per-command limits of the SMTP client that talks to the mailstore. */
    public SmtpTimeouts smtp() {
        return new SmtpTimeouts(command, command, command, command, command, commit, command, command);
    }
}
