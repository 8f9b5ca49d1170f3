package org.hearthmail.mailstore.imap.command;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;

/** RFC 2177 IDLE: changes are pushed as they happen until the client sends DONE. */
final class IdleCommand implements Command {
    @Override public String name() { return "IDLE"; }
    @Override public Set<ImapState> validIn() { return States.AUTHENTICATED; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException {
        args.end();
        ctx.continuation("idling");
        ctx.flushUpdates(true);
        ctx.idling(true);
        ctx.expectLine(line -> {
            ctx.idling(false);
            // RFC 2177 §3: the client ends IDLE with "DONE".
            if (!new String(line, StandardCharsets.US_ASCII).strip().equalsIgnoreCase("DONE")) {
                throw ImapException.bad("Expected DONE");
            }
            return Outcome.ok("IDLE terminated");
        });
        return new Outcome.Waiting();
    }
}
