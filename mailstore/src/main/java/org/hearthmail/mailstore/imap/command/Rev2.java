package org.hearthmail.mailstore.imap.command;

import java.text.Normalizer;

/**
 * IMAP4rev2 (RFC 9051). The server advertises both revisions and speaks IMAP4rev1 until the client
 * sends {@code ENABLE IMAP4rev2} (RFC 9051 §6.3.1, Appendix A); from then on the session follows
 * the rev2 rules wherever they differ (no RECENT, ESEARCH for SEARCH, UTF-8 mailbox names, ...).
 */
final class Rev2 {
    /** How the session keeps it among the enabled extensions (upper case, like the others). */
    static final String NAME = "IMAP4REV2";
    /** How it is written on the wire (RFC 9051 §7.2.1). */
    static final String WIRE = "IMAP4rev2";

    private Rev2() {
    }

    static boolean on(CommandContext ctx) {
        return ctx.enabled().contains(NAME);
    }

    /**
     * RFC 9051 §5.1: mailbox names comply with the Net-Unicode definition (RFC 5198 §2), which
     * asks for Unicode normalization form NFC. A name a client sends in another form is
     * "denormalized"; §6.3.9.7 has the server say so with OLDNAME when it normalizes one.
     */
    static String normalized(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC);
    }
}
