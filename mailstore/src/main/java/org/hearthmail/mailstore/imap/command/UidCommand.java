package org.hearthmail.mailstore.imap.command;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;

/**
 * RFC 3501 §6.4.8 UID: FETCH, STORE, SEARCH, COPY with UIDs; MOVE (RFC 6851), EXPUNGE (RFC 4315),
 * SORT and THREAD (RFC 5256 §3, §4) too.
 */
final class UidCommand implements Command {
    private final Map<String, Command> variants = Map.of(
            "FETCH", new FetchCommand(true),
            "STORE", new StoreCommand(true),
            "SEARCH", new SearchCommand(true),
            "SORT", new SortCommand(true),
            "THREAD", new ThreadCommand(true),
            "COPY", new CopyCommand(true, false),
            "MOVE", new CopyCommand(true, true),
            "EXPUNGE", new ExpungeCommand(true));

    @Override public String name() { return "UID"; }
    @Override public Set<ImapState> validIn() { return States.SELECTED; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args)
            throws ImapSyntaxException, ImapException, IOException {
        return variant(args).execute(ctx, tag, args);
    }

    @Override
    public Outcome executeAtOnce(CommandContext ctx, String tag, ArgReader args)
            throws ImapSyntaxException, ImapException, IOException {
        return variant(args).executeAtOnce(ctx, tag, args);
    }

    private Command variant(ArgReader args) throws ImapSyntaxException {
        String sub = args.keyword();
        Command c = variants.get(sub);
        if (c == null) {
            throw new ImapSyntaxException("unknown UID command " + sub);
        }
        return c;
    }
}
