package org.hearthmail.mailstore.imap.command;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;

/**
 * RFC 5256 §4 THREAD and UID THREAD with the ORDEREDSUBJECT and REFERENCES algorithms:
 * {@code THREAD algorithm charset search-criteria}, answered with {@code * THREAD} and the
 * threads in nested parentheses.
 */
final class ThreadCommand extends UidVariantCommand {
    ThreadCommand(boolean uid) {
        super(uid);
    }

    @Override public String name() { return "THREAD"; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args)
            throws ImapSyntaxException, ImapException, IOException {
        // RFC 5256 §5: thread = ["UID" SP] "THREAD" SP thread-alg SP search-criteria
        String algorithm = args.atom().toUpperCase(Locale.ROOT);
        if (!algorithm.equals("ORDEREDSUBJECT") && !algorithm.equals("REFERENCES")) {
            throw new ImapSyntaxException("unknown threading algorithm " + algorithm);
        }
        SortCommand.Found found = SortCommand.find(ctx, args);
        long mailbox = ctx.selected().id();
        List<SortRow> rows = SortRow.of(ctx.store(), mailbox, found.hits());
        SortRanks ranks = HeaderIndex.of(ctx.store()).ranks(mailbox);
        List<ThreadNode> threads = algorithm.equals("REFERENCES") ? ReferencesThreader.thread(rows, ranks)
                : OrderedSubjectThreader.thread(rows, ranks);
        ResponseLine line = new ResponseLine("THREAD", rows.size());
        if (!threads.isEmpty()) {
            line.ascii(' ');
            ThreadNode.render(line, threads, uid);
        }
        ctx.write(line.end());
        return completed();
    }
}
