package org.hearthmail.smtp.server;

import java.util.Map;
import org.hearthmail.smtp.Mailbox;

/**
 * A MAIL command, parsed.
 *
 * @param sender    the reverse-path, null for {@code <>}
 * @param size      the SIZE parameter (RFC 1870), or -1
 * @param body      the BODY parameter (RFC 6152): "7BIT" or "8BITMIME", or null
 * @param smtpUtf8  the SMTPUTF8 parameter was given (RFC 6531 §3.4)
 * @param ret       DSN RET (RFC 3461 §4.3): "FULL", "HDRS" or null
 * @param envId     DSN ENVID (RFC 3461 §4.4) as sent (xtext), or null
 * @param auth      the AUTH parameter (RFC 4954 §5) as sent (xtext), or null
 * @param other     any other parameters a policy accepted, upper-case keys
 */
public record MailFrom(Mailbox sender, long size, String body, boolean smtpUtf8, String ret, String envId, String auth,
                       Map<String, String> other) {

    public MailFrom {
        other = Map.copyOf(other);
    }

    public boolean isNullSender() {
        return sender == null;
    }
}
