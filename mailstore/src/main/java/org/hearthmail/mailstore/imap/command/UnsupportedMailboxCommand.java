package org.hearthmail.mailstore.imap.command;

import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;

/**
 * RFC 3501 §6.3.4 DELETE and §6.3.5 RENAME: the store cannot remove or rename mailboxes yet, so
 * they are refused with NO [CANNOT] (RFC 5530) rather than BAD, which clients show sensibly.
 */
final class UnsupportedMailboxCommand implements Command {
    private final String name;

    UnsupportedMailboxCommand(String name) {
        this.name = name;
    }

    @Override public String name() { return name; }
    @Override public Set<ImapState> validIn() { return States.AUTHENTICATED; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException, ImapException {
        Mailboxes.find(ctx, args.astring());
        throw ImapException.no("CANNOT", name + " is not supported by this server yet");
    }
}
