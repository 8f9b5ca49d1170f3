package org.hearthmail.mailstore.imap.command;

import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;

/**
 * RFC 3501 §6.4.2 CLOSE (expunges \Deleted silently when read-write) and RFC 3691 UNSELECT
 * (never expunges). Both return to the authenticated state.
 */
final class CloseCommand implements Command {
    private final boolean expunge;

    CloseCommand(boolean expunge) {
        this.expunge = expunge;
    }

    @Override public String name() { return expunge ? "CLOSE" : "UNSELECT"; }
    @Override public Set<ImapState> validIn() { return States.SELECTED; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException {
        args.end();
        if (expunge && !ctx.selected().readOnly()) {
            ExpungeCommand.expungeDeleted(ctx, null);
        }
        ctx.select(null);
        return Outcome.ok(name() + " completed");
    }
}
