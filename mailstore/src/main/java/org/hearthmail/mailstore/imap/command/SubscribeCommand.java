package org.hearthmail.mailstore.imap.command;

import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;

/**
 * RFC 3501 §6.3.6 SUBSCRIBE and §6.3.7 UNSUBSCRIBE. Every existing mailbox counts as subscribed
 * (LSUB lists them all), so both only check the name and succeed.
 */
final class SubscribeCommand implements Command {
    private final String name;

    SubscribeCommand(String name) {
        this.name = name;
    }

    @Override public String name() { return name; }
    @Override public Set<ImapState> validIn() { return States.AUTHENTICATED; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException {
        Mailboxes.decode(ctx, args.astring());
        args.end();
        return Outcome.ok(name + " completed");
    }
}
