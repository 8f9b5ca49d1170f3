package org.hearthmail.mailstore.imap.command;

import java.util.Set;
import org.hearthmail.mailstore.imap.server.ImapState;

/**
 * A command of the selected state that also comes as a UID command (SEARCH, SORT, THREAD):
 * RFC 3501 §6.4.8, the UID form numbers messages by UID and, unlike the plain form, may be answered
 * with EXPUNGE responses (RFC 3501 §7.4.1).
 */
abstract class UidVariantCommand implements Command {
    /** True for the UID form. */
    protected final boolean uid;

    UidVariantCommand(boolean uid) {
        this.uid = uid;
    }

    @Override public Set<ImapState> validIn() { return States.SELECTED; }
    @Override public boolean expungeUpdatesAllowed() { return uid; }

    /** The tagged OK's text: "[UID ]NAME completed". */
    protected Outcome completed() {
        return Outcome.ok((uid ? "UID " : "") + name() + " completed");
    }
}
