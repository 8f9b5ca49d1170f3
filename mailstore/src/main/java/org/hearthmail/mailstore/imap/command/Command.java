package org.hearthmail.mailstore.imap.command;

import java.io.IOException;
import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;

/**
 * One IMAP command. Runs on a worker thread (never an event loop), so it may call the store
 * directly; one command at a time per session.
 */
public interface Command {

    String name();

    /** The states this command is valid in (RFC 3501 §6); the session checks this, once, for every command. */
    Set<ImapState> validIn();

    Outcome execute(CommandContext ctx, String tag, ArgReader args)
            throws ImapException, ImapSyntaxException, IOException;

    /**
     * RFC 3501 §7.4.1: no EXPUNGE response while answering FETCH, STORE or SEARCH (their UID forms
     * may have them). Those commands return false.
     */
    default boolean expungeUpdatesAllowed() {
        return true;
    }
}
