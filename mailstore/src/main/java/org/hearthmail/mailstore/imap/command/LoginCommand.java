package org.hearthmail.mailstore.imap.command;

import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;

/** RFC 3501 §6.2.3 LOGIN user password. */
final class LoginCommand implements Command {
    @Override public String name() { return "LOGIN"; }
    @Override public Set<ImapState> validIn() { return States.NOT_AUTHENTICATED; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException, ImapException {
        String user = args.astring();
        char[] password = args.astring().toCharArray();
        args.end();
        Logins.requirePrivacy(ctx);
        return Logins.login(ctx, user, password);
    }
}
