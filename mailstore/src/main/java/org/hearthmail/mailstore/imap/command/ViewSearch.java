package org.hearthmail.mailstore.imap.command;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hearthmail.mailstore.imap.server.SelectedMailbox;
import org.hearthmail.mailstore.imap.view.ViewSnapshot;
import org.hearthmail.mailstore.store.MessageStore;

/**
 * SEARCH (RFC 3501 §6.4.4) over the shared mailbox view, a set at a time: each key narrows a set
 * of the view's messages, starting from those the session numbers. Keys on flags, sizes, dates,
 * numbers and mod-sequences are one pass over a column (no SQL); the indexed header fields and
 * the Date field come from the {@link HeaderIndex} (a message file is read only for a message not
 * indexed yet), and only for the messages the cheaper keys of an AND left. Answers as
 * {@link SearchEvaluator#reference} does, for keys that {@link SearchEvaluator#readsMessages}
 * says need no message text.
 */
final class ViewSearch {
    private static final long DAY_MILLIS = 86_400_000L;
    private final MessageStore store;
    private final HeaderIndex index;
    private final SelectedMailbox session;
    private final ViewSnapshot view;
    private final ViewSnapshot.Numbering numbering;
    /** The header index's entries of this mailbox, looked up once per search. */
    private Map<Long, HeaderIndex.Entry> indexed;

    private ViewSearch(MessageStore store, HeaderIndex index, SelectedMailbox session, ViewSnapshot view) {
        this.store = store;
        this.index = index;
        this.session = session;
        this.view = view;
        this.numbering = session.numbering(view);
    }

    /**
     * The messages of the session's numbering that {@code key} matches, ascending. Messages the
     * session still numbers but the view no longer holds (expunged, not yet reported) match nothing,
     * as on the store's rows; messages the session does not number yet are not looked at.
     */
    static List<SearchEvaluator.Hit> run(MessageStore store, HeaderIndex index, SelectedMailbox session,
                                         ViewSnapshot view, SearchKey key) throws IOException {
        ViewSearch s = new ViewSearch(store, index, session, view);
        BitSet found = s.eval(key, s.numbering.present());
        List<SearchEvaluator.Hit> hits = new ArrayList<>(found.cardinality());
        int[] seqOf = s.numbering.seqOf();
        for (int i = found.nextSetBit(0); i >= 0; i = found.nextSetBit(i + 1)) {
            hits.add(new SearchEvaluator.Hit(seqOf[i], view.uid(i), view.modSeq(i), view.size(i), view.internalDate(i)));
        }
        return hits;
    }

    /**
     * As {@link #run}, as number arrays made in one pass over the found set's words (no object per
     * message): what SEARCH answers with.
     */
    static SearchEvaluator.Found find(MessageStore store, HeaderIndex index, SelectedMailbox session,
                                      ViewSnapshot view, SearchKey key, boolean withSeqs, boolean withModSeq)
            throws IOException {
        ViewSearch s = new ViewSearch(store, index, session, view);
        BitSet found = s.eval(key, s.numbering.present());
        int[] at = ViewSnapshot.indexes(found);
        long[] seqs = null;
        if (withSeqs) {
            int[] seqOf = s.numbering.seqOf();
            seqs = new long[at.length];
            for (int k = 0; k < at.length; k++) {
                seqs[k] = seqOf[at[k]];
            }
        }
        return new SearchEvaluator.Found(view.uids(at), seqs, withModSeq ? view.highestModSeq(found) : 0);
    }

    /**
     * Whether {@code k} needs nothing but the view's columns and the session's numbering: flags,
     * sizes, internal dates, UID and sequence sets, and their NOT/OR/AND (no header index, whose
     * entries may have to be read from message files, and no MODSEQ, which turns CONDSTORE on).
     */
    static boolean answersFromTheView(SearchKey k) {
        if (k instanceof SearchKey.Not n) {
            return answersFromTheView(n.key());
        }
        if (k instanceof SearchKey.Or o) {
            return answersFromTheView(o.a()) && answersFromTheView(o.b());
        }
        if (k instanceof SearchKey.And a) {
            return a.keys().stream().allMatch(ViewSearch::answersFromTheView);
        }
        return k instanceof SearchKey.All || k instanceof SearchKey.Nothing || k instanceof SearchKey.Flag
                || k instanceof SearchKey.Size || k instanceof SearchKey.Numbers
                || k instanceof SearchKey.Date d && !d.sent();
    }

    /** The messages of {@code in} that {@code k} matches; {@code in} is not changed. */
    private BitSet eval(SearchKey k, BitSet in) throws IOException {
        if (k instanceof SearchKey.All) {
            return (BitSet) in.clone();
        }
        if (k instanceof SearchKey.Nothing) {
            return new BitSet();
        }
        if (k instanceof SearchKey.And a) {
            BitSet cur = in;
            for (SearchKey c : a.keys()) { // cheap keys first (SearchKey.And orders them)
                if (cur.isEmpty()) {
                    break;
                }
                cur = eval(c, cur);
            }
            return cur == in ? (BitSet) in.clone() : cur;
        }
        if (k instanceof SearchKey.Or o) {
            BitSet either = eval(o.a(), in);
            BitSet rest = (BitSet) in.clone();
            rest.andNot(either);
            either.or(eval(o.b(), rest));
            return either;
        }
        if (k instanceof SearchKey.Not n) {
            BitSet out = (BitSet) in.clone();
            out.andNot(eval(n.key(), in));
            return out;
        }
        return leaf(k, in);
    }

    private BitSet leaf(SearchKey k, BitSet in) throws IOException {
        if (k instanceof SearchKey.Flag f) {
            // A snapshot never changes: each flag test is computed once per snapshot, so a repeated
            // SEARCH UNSEEN or FLAGGED (a client's poll) costs word operations only.
            String memo = (f.set() ? "+" : "-") + f.flag();
            BitSet all = view.flagMatches(memo);
            if (all == null) {
                // Same comparison as SearchKey.Flag, made once per flag combination.
                boolean[] has = new boolean[view.flagSetCount()];
                for (int id = 0; id < has.length; id++) {
                    has[id] = view.flagSet(id).stream().anyMatch(x -> x.equalsIgnoreCase(f.flag())) == f.set();
                }
                all = view.withFlags(has);
                view.flagMatches(memo, all);
            }
            BitSet out = (BitSet) all.clone();
            out.and(in);
            return out;
        }
        if (k instanceof SearchKey.Size s) {
            return view.withSize(in, s.larger(), s.octets());
        }
        if (k instanceof SearchKey.ModSeq m) {
            return view.withModSeqAtLeast(in, m.min());
        }
        if (k instanceof SearchKey.Date d) {
            long day = d.date().toEpochDay();
            // RFC 3501 §6.4.4: the day, disregarding time; internal dates are taken in UTC.
            long from = d.when() == SearchKey.When.BEFORE ? Long.MIN_VALUE : day;
            long to = d.when() == SearchKey.When.SINCE ? Long.MAX_VALUE : d.when() == SearchKey.When.ON ? day + 1 : day;
            return d.sent() ? sentBetween(in, from, to)
                    : view.withInternalDate(in, millis(from), millis(to));
        }
        if (k instanceof SearchKey.Numbers n) {
            // The session's own numbers (UIDs or sequence numbers), as Target resolves a set.
            BitSet seqs = Target.seqs(session, n.set(), n.uid());
            int[] seqOf = numbering.seqOf();
            BitSet out = new BitSet();
            for (int i = in.nextSetBit(0); i >= 0; i = in.nextSetBit(i + 1)) {
                if (seqs.get(seqOf[i])) {
                    out.set(i);
                }
            }
            return out;
        }
        if (k instanceof SearchKey.Header h) {
            return header(in, h);
        }
        throw new IllegalArgumentException("key needs message text: " + k);
    }

    private static long millis(long day) {
        return day == Long.MIN_VALUE || day == Long.MAX_VALUE ? day : day * DAY_MILLIS;
    }

    /**
     * SENTBEFORE/SENTON/SENTSINCE: the Date field's day (UTC) in {@code [from, to)}; none never
     * matches. Days not known yet are filled from the header index first, then the column is scanned.
     */
    private BitSet sentBetween(BitSet in, long from, long to) throws IOException {
        for (int i = view.nextSentUnknown(in, 0); i >= 0; i = view.nextSentUnknown(in, i + 1)) {
            HeaderIndex.Entry e = entry(i);
            LocalDate sent = e == null ? null : e.sentDate();
            view.sentDay(i, sent == null ? ViewSnapshot.SENT_NONE : (int) sent.toEpochDay());
        }
        return view.withSentDay(in, from, to);
    }

    /** FROM, TO, CC, BCC, SUBJECT: as SearchKey.Header, on the indexed decoded values. */
    private BitSet header(BitSet in, SearchKey.Header h) throws IOException {
        String field = HeaderIndex.indexed(h.field());
        if (field == null) {
            throw new IllegalArgumentException("header field not indexed: " + h.field());
        }
        String needle = h.needle().toLowerCase(Locale.ROOT);
        BitSet out = new BitSet();
        for (int i = in.nextSetBit(0); i >= 0; i = in.nextSetBit(i + 1)) {
            HeaderIndex.Entry e = entry(i);
            if (e != null) {
                for (String v : e.values(field)) {
                    if (v.toLowerCase(Locale.ROOT).contains(needle)) {
                        out.set(i);
                        break;
                    }
                }
            }
        }
        return out;
    }

    private HeaderIndex.Entry entry(int i) throws IOException {
        if (indexed == null) {
            indexed = index.mailbox(session.id());
        }
        HeaderIndex.Entry e = indexed.get(view.uid(i));
        return e != null ? e : index.get(store, session.id(), view.uid(i));
    }
}
