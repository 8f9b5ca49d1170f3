package org.hearthmail.smtp.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-command time limits. Defaults are the minimums of RFC 5321 §4.5.3.2.
 *
 * @param greeting initial 220 message (§4.5.3.2.1: 5 minutes)
 * @param mail MAIL command (§4.5.3.2.2: 5 minutes)
 * @param rcpt RCPT command (§4.5.3.2.3: 5 minutes)
 * @param dataInit DATA command until 354 (§4.5.3.2.4: 2 minutes)
 * @param dataBlock each write of message data must make progress (§4.5.3.2.5: 3 minutes)
 * @param dataTermination reply after the final "." or BDAT LAST (§4.5.3.2.6: 10 minutes)
 * @param command every other command: EHLO, HELO, RSET, NOOP, QUIT, AUTH, XCLIENT, STARTTLS
 *     (§4.5.3.2 gives none; 5 minutes like MAIL)
 * @param tlsHandshake the TLS handshake after STARTTLS
 */
public record SmtpTimeouts(Duration greeting, Duration mail, Duration rcpt, Duration dataInit,
                           Duration dataBlock, Duration dataTermination, Duration command,
                           Duration tlsHandshake) {

    public SmtpTimeouts {
        for (Duration d : new Duration[] {greeting, mail, rcpt, dataInit, dataBlock, dataTermination, command, tlsHandshake}) {
            Objects.requireNonNull(d, "timeout");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive, was " + d);
            }
        }
    }

    public static SmtpTimeouts rfc5321() {
        return new SmtpTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5),
                Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(10), Duration.ofMinutes(5),
                Duration.ofMinutes(1));
    }

    /** The same limit for everything; for tests and for the relay's tunnel hop. */
    public static SmtpTimeouts uniform(Duration d) {
        return new SmtpTimeouts(d, d, d, d, d, d, d, d);
    }
}
