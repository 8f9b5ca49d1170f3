package org.hearthmail.mailstore.imap.command;

import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;

/** RFC 2971 ID: the client's list is read and ignored (never logged: it may identify a person); we name ourselves only. */
final class IdCommand implements Command {
    @Override public String name() { return "ID"; }
    @Override public Set<ImapState> validIn() { return States.ANY; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException {
        if (!args.accept("NIL")) {
            args.list();
        }
        args.end();
        ctx.untagged("ID (\"name\" \"Hearthmail\")");
        return Outcome.ok("ID completed");
    }
}
