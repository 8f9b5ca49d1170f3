package org.hearthmail.mailstore.imap.command;

import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;

/** RFC 3501 §6.1.2 NOOP and §6.4.1 CHECK: nothing to do; pending updates go out before the OK. */
final class NoopCommand implements Command {
    private final String name;
    private final Set<ImapState> states;

    NoopCommand(String name, Set<ImapState> states) {
        this.name = name;
        this.states = states;
    }

    @Override public String name() { return name; }
    @Override public Set<ImapState> validIn() { return states; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException {
        args.end();
        return Outcome.ok(name + " completed");
    }
}
