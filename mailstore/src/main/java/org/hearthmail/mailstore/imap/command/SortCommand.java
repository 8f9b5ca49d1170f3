package org.hearthmail.mailstore.imap.command;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.SelectedMailbox;

/**
 * RFC 5256 §3 SORT and UID SORT, with the ESORT result options of RFC 5267 §3
 * ({@code SORT RETURN (MIN MAX COUNT ALL) (criteria) charset search-criteria}). The messages are
 * found as SEARCH finds them; what the keys compare comes from the mailbox view (size, internal
 * date) and the {@link HeaderIndex} (addresses, subject, sent date), so no message file is read
 * for a message already indexed.
 */
final class SortCommand extends UidVariantCommand {
    SortCommand(boolean uid) {
        super(uid);
    }

    @Override public String name() { return "SORT"; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args)
            throws ImapSyntaxException, ImapException, IOException {
        // RFC 5267 §3: sort =/ ["UID" SP] "SORT" [SP sort-return-opts] SP "(" sort-criteria ")" SP search-criteria
        List<String> ret = Esearch.returnOptions(args);
        if (ret != null && ret.contains(SearchResults.SAVE)) {
            throw new ImapSyntaxException("SAVE is not supported with SORT");
        }
        List<SortCriterion> criteria = SortCriterion.parse(args.list());
        Found found = find(ctx, args);
        long mailbox = ctx.selected().id();
        List<SortRow> rows = SortCriterion.sort(SortRow.of(ctx.store(), mailbox, found.hits()), criteria,
                HeaderIndex.of(ctx.store()).ranks(mailbox));
        if (ret == null) {
            // RFC 5256 §5: sort-data = "SORT" *(SP nz-number)
            ResponseLine line = new ResponseLine("SORT", rows.size());
            for (SortRow r : rows) {
                line.ascii(' ').number(uid ? r.uid() : r.seq());
            }
            // RFC 7162 §3.1.5: SORT with MODSEQ names the highest mod-sequence found.
            if (!found.modSeqTail().isEmpty()) {
                line.ascii(" (").ascii(found.modSeqTail()).ascii(')');
            }
            ctx.write(line.end());
        } else {
            List<Long> numbers = rows.stream().map(r -> uid ? r.uid() : (long) r.seq()).toList();
            // RFC 5267 §3.1: ALL lists the messages in the sort order, so no ranges.
            ctx.untagged(Esearch.render(tag, uid, numbers, ret,
                    all -> all.stream().map(String::valueOf).collect(Collectors.joining(",")))
                    + (found.modSeqTail().isEmpty() ? "" : " " + found.modSeqTail()));
        }
        return completed();
    }

    /** Messages a search found, and "MODSEQ n" when its criteria named MODSEQ and it found some (else ""). */
    record Found(List<SearchEvaluator.Hit> hits, String modSeqTail) {
    }

    /**
     * RFC 5256 §5: search-criteria = charset 1*(SP search-key), as SORT and THREAD take them: the
     * charset is required (UTF-8 or US-ASCII), then SEARCH's keys (RFC 5182 $ included).
     */
    static Found find(CommandContext ctx, ArgReader args) throws ImapSyntaxException, ImapException, IOException {
        Esearch.requireKnownCharset(args.astring());
        SelectedMailbox view = ctx.selected();
        SearchKey key = SearchParser.parseAll(new ArgReader(SearchResults.substitute(view, args.rest())), Rev2.on(ctx));
        boolean modSeq = SearchKey.usesModSeq(key);
        if (modSeq) {
            Condstore.enable(ctx);
        }
        List<SearchEvaluator.Hit> hits = SearchEvaluator.matches(ctx.store(), HeaderIndex.of(ctx.store()), view, key);
        long highest = hits.stream().mapToLong(SearchEvaluator.Hit::modSeq).max().orElse(0);
        return new Found(hits, modSeq && !hits.isEmpty() ? "MODSEQ " + highest : "");
    }
}
