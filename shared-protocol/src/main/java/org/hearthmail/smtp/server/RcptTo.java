package org.hearthmail.smtp.server;

import java.util.Set;
import org.hearthmail.smtp.Mailbox;

/**
 * A RCPT command, parsed.
 *
 * @param recipient the forward-path
 * @param notifyOn    DSN NOTIFY (RFC 3461 §4.1): subset of NEVER, SUCCESS, FAILURE, DELAY; empty when absent
 * @param orcpt     DSN ORCPT (RFC 3461 §4.2) as {@code addr-type ";" xtext} as sent, or null
 */
public record RcptTo(Mailbox recipient, Set<String> notifyOn, String orcpt) {

    public RcptTo {
        notifyOn = Set.copyOf(notifyOn);
    }

    /** RFC 3461 §4.1, §4.2: NOTIFY (in a fixed order) and ORCPT as sent on, for the next hop's RCPT. */
    public java.util.List<String> dsnParameters() {
        java.util.List<String> p = new java.util.ArrayList<>();
        if (!notifyOn.isEmpty()) {
            p.add("NOTIFY=" + String.join(",", new java.util.TreeSet<>(notifyOn)));
        }
        if (orcpt != null) {
            p.add("ORCPT=" + orcpt);
        }
        return p;
    }
}
