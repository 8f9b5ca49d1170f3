package org.hearthmail.mailstore.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.hearthmail.mailstore.imap.proto.Arg;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.proto.SequenceSet;
import org.hearthmail.mailstore.imap.server.SelectedMailbox;
import org.hearthmail.mailstore.imap.view.ViewSnapshot;

/**
 * RFC 3501 §6.4.4 SEARCH and §6.4.8 UID SEARCH, with the RFC 4731 ESEARCH result options
 * (RETURN (MIN MAX COUNT ALL)) and RFC 5182 SAVE. Under IMAP4rev2 the answer is always ESEARCH (RFC 9051 §6.4.4).
 */
final class SearchCommand extends UidVariantCommand {
    SearchCommand(boolean uid) {
        super(uid);
    }

    @Override public String name() { return "SEARCH"; }

    /** A SEARCH's arguments: the RFC 4731 RETURN options (null: a plain SEARCH) and the criteria, "$" replaced. */
    private record Request(List<String> ret, List<Arg> criteria) {
        boolean save() {
            return ret != null && ret.contains(SearchResults.SAVE);
        }
    }

    private static Request parse(CommandContext ctx, ArgReader args) throws ImapSyntaxException, ImapException {
        List<String> ret = Esearch.returnOptions(args);
        if (args.accept("CHARSET")) {
            Esearch.requireKnownCharset(args.astring());
        }
        if (ret == null && Rev2.on(ctx)) {
            // RFC 9051 §6.4.4: IMAP4rev2 answers every SEARCH with ESEARCH; no option means ALL.
            ret = List.of("ALL");
        }
        return new Request(ret, SearchResults.substitute(ctx.selected(), args.rest()));
    }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args)
            throws ImapSyntaxException, ImapException, IOException {
        Request r = parse(ctx, args);
        SelectedMailbox view = ctx.selected();
        if (r.save()) {
            view.saveResult(List.of()); // RFC 5182 §2.4: a SEARCH that fails leaves an empty result
        }
        SearchKey key = SearchParser.parseAll(new ArgReader(r.criteria()), Rev2.on(ctx));
        boolean modSeq = SearchKey.usesModSeq(key);
        if (modSeq) {
            Condstore.enable(ctx);
        }
        answer(ctx, tag, r, SearchEvaluator.find(ctx.store(), HeaderIndex.of(ctx.store()), view, key, !uid, modSeq),
                modSeq);
        return completed();
    }

    /**
     * A search of flags, sizes, internal dates and UID or sequence sets ({@link
     * ViewSearch#answersFromTheView}) answered on the event loop from the shared mailbox view when
     * that is up to date (nothing to apply, no lock): the way clients poll for new, flagged or unseen
     * mail. Anything else, null: a worker runs it.
     */
    @Override
    public Outcome executeAtOnce(CommandContext ctx, String tag, ArgReader args)
            throws ImapSyntaxException, ImapException, IOException {
        Request r = parse(ctx, args);
        SearchKey key = SearchParser.parseAll(new ArgReader(r.criteria()), Rev2.on(ctx));
        SelectedMailbox view = ctx.selected();
        ViewSnapshot now = view.shared() == null ? null : view.shared().currentIfSynced();
        if (now == null || SearchKey.usesModSeq(key) || !ViewSearch.answersFromTheView(key)) {
            return null;
        }
        answer(ctx, tag, r, ViewSearch.find(ctx.store(), HeaderIndex.of(ctx.store()), view, now, key, !uid, false), false);
        return completed();
    }

    /** Saves (RFC 5182) and writes the SEARCH or ESEARCH response of what was found. */
    private void answer(CommandContext ctx, String tag, Request r, SearchEvaluator.Found found, boolean modSeq)
            throws ImapSyntaxException {
        long[] numbers = uid ? found.uids() : found.seqs();
        // RFC 7162 §3.1.5: a search with MODSEQ names the highest mod-sequence of what it found.
        boolean modSeqTail = modSeq && numbers.length > 0;
        if (r.save()) {
            SearchResults.save(ctx.selected(), r.ret(), boxed(found.uids()));
        }
        if (r.ret() == null) {
            ctx.write(SearchResponse.line(numbers, modSeqTail ? " (MODSEQ " + found.highestModSeq() + ")" : ""));
        } else if (!r.ret().equals(List.of(SearchResults.SAVE))) {
            // RFC 5182 §2.4: with SAVE alone there is no ESEARCH response.
            ctx.untagged(Esearch.render(tag, uid, boxed(numbers), r.ret(), SequenceSet::render)
                    + (modSeqTail ? " MODSEQ " + found.highestModSeq() : ""));
        }
    }

    private static List<Long> boxed(long[] numbers) {
        List<Long> out = new ArrayList<>(numbers.length);
        for (long n : numbers) {
            out.add(n);
        }
        return out;
    }
}
