package org.hearthmail.mailstore.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;

/**
 * RFC 5161 ENABLE (RFC 9051 §6.3.1): answers with the extensions it turned on; unknown ones are
 * ignored (§3.1). IMAP4rev2 is enabled this way too.
 */
final class EnableCommand implements Command {
    /** Extensions a client may ENABLE here. */
    static final Set<String> ENABLEABLE = Set.of(Condstore.NAME, Condstore.QRESYNC, Rev2.NAME);

    @Override public String name() { return "ENABLE"; }
    @Override public Set<ImapState> validIn() { return States.AUTHENTICATED; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException {
        List<String> on = new ArrayList<>();
        if (!args.hasMore()) {
            throw new ImapSyntaxException("ENABLE needs at least one capability");
        }
        while (args.hasMore()) {
            String c = args.atom().toUpperCase(Locale.ROOT);
            if (ENABLEABLE.contains(c) && ctx.enabled().add(c)) {
                on.add(c.equals(Rev2.NAME) ? Rev2.WIRE : c);
            }
            if (c.equals(Condstore.QRESYNC)) {
                Condstore.enable(ctx); // RFC 7162 §3.2.3: QRESYNC implies CONDSTORE
            }
        }
        ctx.untagged(on.isEmpty() ? "ENABLED" : "ENABLED " + String.join(" ", on));
        return Outcome.ok("ENABLE completed");
    }
}
