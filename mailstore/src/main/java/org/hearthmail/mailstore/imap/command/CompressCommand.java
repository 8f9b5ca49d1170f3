package org.hearthmail.mailstore.imap.command;

import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;

/** RFC 4978 COMPRESS DEFLATE: after the OK both directions are raw DEFLATE (RFC 1951) streams. */
final class CompressCommand implements Command {
    @Override public String name() { return "COMPRESS"; }
    @Override public Set<ImapState> validIn() { return States.AUTHENTICATED; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException, ImapException {
        String mechanism = args.keyword();
        args.end();
        if (!mechanism.equals("DEFLATE")) {
            throw ImapException.bad("Unknown compression mechanism " + mechanism);
        }
        if (ctx.compressionActive()) {
            // RFC 4978 §3: a second COMPRESS gets NO [COMPRESSIONACTIVE].
            throw ImapException.no("COMPRESSIONACTIVE", "DEFLATE is active already");
        }
        return new Outcome.Compress();
    }
}
