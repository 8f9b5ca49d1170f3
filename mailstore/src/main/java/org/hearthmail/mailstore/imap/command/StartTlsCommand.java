package org.hearthmail.mailstore.imap.command;

import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;

/** RFC 3501 §6.2.1 STARTTLS. */
final class StartTlsCommand implements Command {
    @Override public String name() { return "STARTTLS"; }
    @Override public Set<ImapState> validIn() { return States.NOT_AUTHENTICATED; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException, ImapException {
        args.end();
        if (ctx.config().tls() == null) {
            throw ImapException.bad("STARTTLS is not offered here");
        }
        if (ctx.tlsActive()) {
            throw ImapException.bad("TLS is active already");
        }
        return new Outcome.StartTls();
    }
}
