package org.hearthmail.mailstore.imap.command;

import java.util.EnumSet;
import java.util.Set;
import org.hearthmail.mailstore.imap.server.ImapState;

/** The state sets of RFC 3501 §6.1–6.4, named once. */
final class States {
    /** §6.1: any state. */
    static final Set<ImapState> ANY = EnumSet.of(ImapState.NOT_AUTHENTICATED, ImapState.AUTHENTICATED,
            ImapState.SELECTED);
    /** §6.2. */
    static final Set<ImapState> NOT_AUTHENTICATED = EnumSet.of(ImapState.NOT_AUTHENTICATED);
    /** §6.3: authenticated commands are valid in the selected state too. */
    static final Set<ImapState> AUTHENTICATED = EnumSet.of(ImapState.AUTHENTICATED, ImapState.SELECTED);
    /** §6.4. */
    static final Set<ImapState> SELECTED = EnumSet.of(ImapState.SELECTED);

    private States() {
    }
}
