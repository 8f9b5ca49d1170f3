package org.hearthmail.mailstore.imap.command;

import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;

/**
 * RFC 3501 §6.1.2 NOOP and §6.4.1 CHECK: nothing to do; pending updates go out before the OK.
 * Answered on the event loop ({@link #executeAtOnce}). CHECK is an IMAP4rev1 command only: RFC 9051 Appendix E item 17 removed it, so a session that
 * enabled IMAP4rev2 gets BAD, as for any command outside the grammar.
 */
final class NoopCommand implements Command {
    static final String CHECK = "CHECK";
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
        // RFC 9051 Appendix E (17): "Removed the CHECK command. Clients should use NOOP instead."
        if (name.equals(CHECK) && Rev2.on(ctx)) {
            throw new ImapSyntaxException("CHECK is not an IMAP4rev2 command, use NOOP");
        }
        args.end();
        return Outcome.ok(name + " completed");
    }

    /** Nothing waits to be reported (the session's condition for asking), so there is nothing to wait for. */
    @Override
    public Outcome executeAtOnce(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException {
        return execute(ctx, tag, args);
    }
}
