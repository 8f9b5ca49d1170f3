package org.hearthmail.mailstore.imap.command;

import java.io.IOException;
import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;

/**
 * One IMAP command. Runs on a worker thread, so it may call the store directly; one command at a
 * time per session. A few commands can also answer some requests at once on the connection's
 * event loop ({@link #executeAtOnce}).
 */
public interface Command {

    String name();

    /** The states this command is valid in (RFC 3501 §6); the session checks this, once, for every command. */
    Set<ImapState> validIn();

    Outcome execute(CommandContext ctx, String tag, ArgReader args)
            throws ImapException, ImapSyntaxException, IOException;

    /**
     * Answers the request on the connection's event loop if that needs no wait at all: memory, and
     * at most message bytes the store has in memory ({@link
     * org.hearthmail.mailstore.store.MessageStore#bodyIfCached}); never a database access, a lock
     * another thread may hold long, or a disk read. Returns null when it cannot, having written
     * nothing and changed nothing; the request then runs on a worker through {@link #execute}, which
     * also answers every error (so a request that is not well-formed may simply return null here).
     * Called only when no change of the mailbox is waiting to be reported.
     */
    default Outcome executeAtOnce(CommandContext ctx, String tag, ArgReader args)
            throws ImapException, ImapSyntaxException, IOException {
        return null;
    }

    /**
     * RFC 3501 §7.4.1: no EXPUNGE response while answering FETCH, STORE or SEARCH (their UID forms
     * may have them). Those commands return false.
     */
    default boolean expungeUpdatesAllowed() {
        return true;
    }
}
