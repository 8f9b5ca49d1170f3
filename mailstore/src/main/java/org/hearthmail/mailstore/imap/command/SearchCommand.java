package org.hearthmail.mailstore.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hearthmail.mailstore.imap.proto.Arg;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.proto.SequenceSet;
import org.hearthmail.mailstore.imap.server.ImapState;
import org.hearthmail.mailstore.imap.server.SelectedMailbox;

/**
 * RFC 3501 §6.4.4 SEARCH and §6.4.8 UID SEARCH, with the RFC 4731 ESEARCH result options
 * (RETURN (MIN MAX COUNT ALL)) and RFC 5182 SAVE. Under IMAP4rev2 the answer is always ESEARCH (RFC 9051 §6.4.4).
 */
final class SearchCommand implements Command {
    private final boolean uid;

    SearchCommand(boolean uid) {
        this.uid = uid;
    }

    @Override public String name() { return "SEARCH"; }
    @Override public Set<ImapState> validIn() { return States.SELECTED; }
    @Override public boolean expungeUpdatesAllowed() { return uid; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args)
            throws ImapSyntaxException, ImapException, IOException {
        List<String> ret = null;
        if (args.accept("RETURN")) {
            ret = new ArrayList<>();
            for (Arg a : args.list()) {
                ret.add(a.toString().toUpperCase(Locale.ROOT));
            }
            if (ret.isEmpty()) {
                ret.add("ALL"); // RFC 4731 §3.1: RETURN () means ALL
            }
        }
        if (args.accept("CHARSET")) {
            String cs = args.astring();
            if (!cs.equalsIgnoreCase("UTF-8") && !cs.equalsIgnoreCase("US-ASCII")) {
                throw ImapException.no("BADCHARSET (UTF-8 US-ASCII)", "Unsupported charset");
            }
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
        SearchKey key = SearchParser.parseAll(new ArgReader(criteria));
        boolean modSeq = SearchKey.usesModSeq(key);
        if (modSeq) {
            Condstore.enable(ctx);
        }
        List<Long> hits = new ArrayList<>();
        long highest = 0;
        for (SearchEvaluator.Hit h : SearchEvaluator.matches(ctx.store(), HeaderIndex.of(ctx.store()), view, key)) {
            hits.add(uid ? h.uid() : h.seq());
            highest = Math.max(highest, h.modSeq());
        }
        // RFC 7162 §3.1.5: a search with MODSEQ names the highest mod-sequence of what it found.
        String modSeqTail = modSeq && !hits.isEmpty() ? " (MODSEQ " + highest + ")" : "";
        if (save) {
            SearchResults.save(view, ret, uid ? hits : hits.stream().map(seq -> view.uidAt(seq.intValue())).toList());
        }
        if (ret == null) {
            StringBuilder sb = new StringBuilder("SEARCH");
            hits.forEach(h -> sb.append(' ').append(h));
            ctx.untagged(sb + modSeqTail);
        } else if (!ret.equals(List.of(SearchResults.SAVE))) {
            // RFC 5182 §2.4: with SAVE alone there is no ESEARCH response.
            ctx.untagged(esearch(tag, hits, ret) + (modSeq && !hits.isEmpty() ? " MODSEQ " + highest : ""));
        }
        return Outcome.ok((uid ? "UID " : "") + "SEARCH completed");
    }

    /** RFC 4731 §3.1: * ESEARCH (TAG "t") [UID] MIN n MAX n COUNT n ALL set. */
    private String esearch(String tag, List<Long> hits, List<String> ret) throws ImapSyntaxException {
        StringBuilder sb = new StringBuilder("ESEARCH (TAG \"").append(tag).append("\")");
        if (uid) {
            sb.append(" UID");
        }
        for (String r : ret) {
            switch (r) {
                case "MIN" -> { if (!hits.isEmpty()) sb.append(" MIN ").append(hits.get(0)); }
                case "MAX" -> { if (!hits.isEmpty()) sb.append(" MAX ").append(hits.get(hits.size() - 1)); }
                case "COUNT" -> sb.append(" COUNT ").append(hits.size());
                case "ALL" -> { if (!hits.isEmpty()) sb.append(" ALL ").append(SequenceSet.render(hits)); }
                case SearchResults.SAVE -> { }
                default -> throw new ImapSyntaxException("unknown RETURN option " + r);
            }
        }
        return sb.toString();
    }
}
