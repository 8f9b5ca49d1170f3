package org.hearthmail.mailstore.imap.command;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hearthmail.mailstore.imap.server.SelectedMailbox;
import org.hearthmail.mailstore.imap.view.ViewSnapshot;
import org.hearthmail.mailstore.store.MessageStore;

/**
 * SEARCH (RFC 3501 §6.4.4) over the shared mailbox view: keys on flags, sizes, dates, numbers and
 * mod-sequences read the view's arrays (no SQL); the indexed header fields and the Date field come
 * from the {@link HeaderIndex} (a message file is read only for a message not indexed yet). The key
 * is compiled once into tests on a message's position; flag tests once per flag combination.
 * Answers as {@link SearchEvaluator#reference} does, for keys that {@link SearchEvaluator#readsMessages}
 * says need no message text.
 */
final class ViewSearch {
    private final MessageStore store;
    private final HeaderIndex index;
    private final SelectedMailbox session;
    private final ViewSnapshot view;

    /** The message under test: its sequence number in the session and its index in the view. */
    private int seq;
    private int at;
    /** The header index's entries of this mailbox, looked up once per search. */
    private java.util.Map<Long, HeaderIndex.Entry> indexed;

    private ViewSearch(MessageStore store, HeaderIndex index, SelectedMailbox session, ViewSnapshot view) {
        this.store = store;
        this.index = index;
        this.session = session;
        this.view = view;
    }

    @FunctionalInterface
    private interface Test {
        boolean test() throws IOException;
    }

    /**
     * The messages of the session's numbering that {@code key} matches, ascending. Messages the
     * session still numbers but the view no longer holds (expunged, not yet reported) match nothing,
     * as on the store's rows.
     */
    static List<SearchEvaluator.Hit> run(MessageStore store, HeaderIndex index, SelectedMailbox session,
                                         ViewSnapshot view, SearchKey key) throws IOException {
        ViewSearch s = new ViewSearch(store, index, session, view);
        Test test = s.compile(key);
        List<SearchEvaluator.Hit> hits = new ArrayList<>();
        int j = 0;
        for (int seq = 1; seq <= session.exists(); seq++) {
            long uid = session.uidAt(seq);
            while (j < view.count() && view.uid(j) < uid) {
                j++;
            }
            if (j == view.count()) {
                break;
            }
            if (view.uid(j) != uid) {
                continue;
            }
            s.seq = seq;
            s.at = j;
            if (test.test()) {
                hits.add(new SearchEvaluator.Hit(seq, uid, view.modSeq(j)));
            }
        }
        return hits;
    }

    private Test compile(SearchKey k) {
        if (k instanceof SearchKey.All) {
            return () -> true;
        }
        if (k instanceof SearchKey.Nothing) {
            return () -> false;
        }
        if (k instanceof SearchKey.Flag f) {
            // Same comparison as SearchKey.Flag, made once per flag combination.
            boolean[] has = new boolean[view.flagSetCount()];
            for (int id = 0; id < has.length; id++) {
                has[id] = view.flagSet(id).stream().anyMatch(x -> x.equalsIgnoreCase(f.flag())) == f.set();
            }
            return () -> has[view.flagSetId(at)];
        }
        if (k instanceof SearchKey.Size s) {
            return s.larger() ? () -> view.size(at) > s.octets() : () -> view.size(at) < s.octets();
        }
        if (k instanceof SearchKey.Date d) {
            return date(d);
        }
        if (k instanceof SearchKey.Numbers n) {
            return n.uid() ? () -> n.set().contains(view.uid(at), session.largestUid())
                    : () -> n.set().contains(seq, session.exists());
        }
        if (k instanceof SearchKey.ModSeq m) {
            return () -> view.modSeq(at) >= m.min();
        }
        if (k instanceof SearchKey.Header h) {
            String field = HeaderIndex.indexed(h.field());
            if (field == null) {
                throw new IllegalArgumentException("header field not indexed: " + h.field());
            }
            String needle = h.needle().toLowerCase(Locale.ROOT);
            return () -> {
                HeaderIndex.Entry e = entry();
                if (e == null) {
                    return false;
                }
                for (String v : e.values(field)) { // as SearchKey.Header, without a stream per message
                    if (v.toLowerCase(Locale.ROOT).contains(needle)) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (k instanceof SearchKey.Not n) {
            Test t = compile(n.key());
            return () -> !t.test();
        }
        if (k instanceof SearchKey.Or o) {
            Test a = compile(o.a());
            Test b = compile(o.b());
            return () -> a.test() || b.test();
        }
        if (k instanceof SearchKey.And a) {
            List<Test> all = new ArrayList<>();
            for (SearchKey c : a.keys()) { // cheap keys first (SearchKey.And orders them)
                all.add(compile(c));
            }
            Test[] tests = all.toArray(new Test[0]);
            return () -> {
                for (Test t : tests) {
                    if (!t.test()) {
                        return false;
                    }
                }
                return true;
            };
        }
        throw new IllegalArgumentException("key needs message text: " + k);
    }

    /** RFC 3501 §6.4.4: BEFORE/ON/SINCE on the internal date's day, SENT* on the Date field's (UTC). */
    private Test date(SearchKey.Date d) {
        long day = d.date().toEpochDay();
        return () -> {
            long x;
            if (d.sent()) {
                x = sentDay();
                if (x == ViewSnapshot.SENT_NONE) {
                    return false;
                }
            } else {
                x = Math.floorDiv(view.internalDate(at), 86_400_000L);
            }
            return switch (d.when()) {
                case BEFORE -> x < day;
                case ON -> x == day;
                case SINCE -> x >= day;
            };
        };
    }

    private int sentDay() throws IOException {
        int day = view.sentDay(at);
        if (day == ViewSnapshot.SENT_UNKNOWN) {
            HeaderIndex.Entry e = entry();
            LocalDate sent = e == null ? null : e.sentDate();
            day = sent == null ? ViewSnapshot.SENT_NONE : (int) sent.toEpochDay();
            view.sentDay(at, day);
        }
        return day;
    }

    private HeaderIndex.Entry entry() throws IOException {
        if (indexed == null) {
            indexed = index.mailbox(session.id());
        }
        HeaderIndex.Entry e = indexed.get(view.uid(at));
        return e != null ? e : index.get(store, session.id(), view.uid(at));
    }
}
