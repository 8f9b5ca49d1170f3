package org.hearthmail.mailstore.intake;

import java.util.Locale;
import org.hearthmail.mailstore.store.MailboxRole;

/** Where the relay's verdict says a message goes. */
enum Verdict {
    INBOX(MailboxRole.INBOX),
    /** DMARC quarantine or a spam verdict: deliver to Junk. */
    JUNK(MailboxRole.JUNK);

    /** The header the relay uses (honoured only from the relay; never stored). */
    static final String HEADER = "Hearthmail-Verdict";

    private final MailboxRole role;

    Verdict(MailboxRole role) {
        this.role = role;
    }

    MailboxRole role() {
        return role;
    }

    static Verdict parse(String value) {
        return value.strip().toLowerCase(Locale.ROOT).startsWith("junk") ? JUNK : INBOX;
    }
}
