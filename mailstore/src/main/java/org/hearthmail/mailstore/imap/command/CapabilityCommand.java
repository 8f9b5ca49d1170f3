package org.hearthmail.mailstore.imap.command;

import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;

/** RFC 3501 §6.1.1 CAPABILITY. */
final class CapabilityCommand implements Command {
    @Override public String name() { return "CAPABILITY"; }
    @Override public Set<ImapState> validIn() { return States.ANY; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException {
        args.end();
        ctx.untagged("CAPABILITY " + ctx.capabilities());
        return Outcome.ok("CAPABILITY completed");
    }
}
