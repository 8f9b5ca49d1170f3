package org.hearthmail.mailstore.imap.command;

import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;

/** RFC 2342 NAMESPACE: one personal namespace with "/" as hierarchy delimiter, nothing shared. */
final class NamespaceCommand implements Command {
    @Override public String name() { return "NAMESPACE"; }
    @Override public Set<ImapState> validIn() { return States.AUTHENTICATED; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException {
        args.end();
        ctx.untagged("NAMESPACE ((\"\" \"/\")) NIL NIL");
        return Outcome.ok("NAMESPACE completed");
    }
}
