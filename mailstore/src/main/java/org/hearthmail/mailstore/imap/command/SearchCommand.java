package org.hearthmail.mailstore.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.hearthmail.mailstore.imap.proto.Arg;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.proto.SequenceSet;
import org.hearthmail.mailstore.imap.server.SelectedMailbox;

/**
 * RFC 3501 §6.4.4 SEARCH and §6.4.8 UID SEARCH, with the RFC 4731 ESEARCH result options
 * (RETURN (MIN MAX COUNT ALL)) and RFC 5182 SAVE. Under IMAP4rev2 the answer is always ESEARCH (RFC 9051 §6.4.4).
 */
final class SearchCommand extends UidVariantCommand {
    SearchCommand(boolean uid) {
        super(uid);
    }

    @Override public String name() { return "SEARCH"; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args)
            throws ImapSyntaxException, ImapException, IOException {
        List<String> ret = Esearch.returnOptions(args);
        if (args.accept("CHARSET")) {
            Esearch.requireKnownCharset(args.astring());
        }
        if (ret == null && Rev2.on(ctx)) {
            // RFC 9051 §6.4.4: IMAP4rev2 answers every SEARCH with ESEARCH; no option means ALL.
            ret = List.of("ALL");
        }
        SelectedMailbox view = ctx.selected();
        List<Arg> criteria = SearchResults.substitute(view, args.rest());
        boolean save = ret != null && ret.contains(SearchResults.SAVE);
        if (save) {
            view.saveResult(List.of()); // RFC 5182 §2.4: a SEARCH that fails leaves an empty result
        }
        SearchKey key = SearchParser.parseAll(new ArgReader(criteria), Rev2.on(ctx));
        boolean modSeq = SearchKey.usesModSeq(key);
        if (modSeq) {
            Condstore.enable(ctx);
        }
        SearchEvaluator.Found found = SearchEvaluator.find(ctx.store(), HeaderIndex.of(ctx.store()), view, key, !uid,
                modSeq);
        long[] numbers = uid ? found.uids() : found.seqs();
        // RFC 7162 §3.1.5: a search with MODSEQ names the highest mod-sequence of what it found.
        boolean modSeqTail = modSeq && numbers.length > 0;
        if (save) {
            SearchResults.save(view, ret, boxed(found.uids()));
        }
        if (ret == null) {
            ctx.write(SearchResponse.line(numbers, modSeqTail ? " (MODSEQ " + found.highestModSeq() + ")" : ""));
        } else if (!ret.equals(List.of(SearchResults.SAVE))) {
            // RFC 5182 §2.4: with SAVE alone there is no ESEARCH response.
            ctx.untagged(Esearch.render(tag, uid, boxed(numbers), ret, SequenceSet::render)
                    + (modSeqTail ? " MODSEQ " + found.highestModSeq() : ""));
        }
        return completed();
    }

    private static List<Long> boxed(long[] numbers) {
        List<Long> out = new ArrayList<>(numbers.length);
        for (long n : numbers) {
            out.add(n);
        }
        return out;
    }
}
