package org.hearthmail.mailstore.imap.command;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hearthmail.mailstore.imap.proto.SequenceSet;
import org.hearthmail.mailstore.store.Flags;
import org.hearthmail.mailstore.store.MessageFilter;

/**
 * The part of a SEARCH key (RFC 3501 §6.4.4) the store can test on its rows: flags, sizes,
 * internal dates, UID sets and mod-sequences. The filter accepts at least every message the key
 * matches (keys it cannot express become "any"), so the store returns a superset and the key is
 * then tested on each returned row.
 */
final class SearchPushdown {
    private SearchPushdown() {
    }

    /** A filter and whether it matches exactly what the key does (needed to negate it). */
    private record Pushed(MessageFilter filter, boolean exact) {
    }

    private static final Pushed ANY = new Pushed(new MessageFilter.Any(), false);

    /** A filter accepting every message {@code key} may match, UID {@code *} being {@code largestUid}. */
    static MessageFilter filter(SearchKey key, long largestUid) {
        return push(key, largestUid).filter();
    }

    private static Pushed push(SearchKey k, long largestUid) {
        if (k instanceof SearchKey.All) {
            return new Pushed(new MessageFilter.Any(), true);
        }
        if (k instanceof SearchKey.Nothing) {
            return new Pushed(new MessageFilter.None(), true);
        }
        if (k instanceof SearchKey.Flag f) {
            // Stored flags are ASCII atoms; a needle that is not one is left to the key itself.
            if (!isFlagAtom(f.flag())) {
                return ANY;
            }
            return new Pushed(new MessageFilter.HasFlag(f.flag(), f.set()), true);
        }
        if (k instanceof SearchKey.Size s) {
            return new Pushed(new MessageFilter.Size(s.larger(), s.octets()), true);
        }
        if (k instanceof SearchKey.Date d && !d.sent()) {
            // RFC 3501 §6.4.4: BEFORE/ON/SINCE compare the internal date's day, ignoring time (here UTC).
            Instant start = d.date().atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant next = d.date().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            MessageFilter f = switch (d.when()) {
                case BEFORE -> new MessageFilter.Received(null, start);
                case ON -> new MessageFilter.Received(start, next);
                case SINCE -> new MessageFilter.Received(start, null);
            };
            return new Pushed(f, true);
        }
        if (k instanceof SearchKey.Numbers n && n.uid()) {
            List<MessageFilter> ranges = new ArrayList<>();
            for (SequenceSet.Range r : n.set().ranges()) {
                long a = r.from() == SequenceSet.STAR ? largestUid : r.from();
                long b = r.to() == SequenceSet.STAR ? largestUid : r.to();
                ranges.add(new MessageFilter.UidRange(Math.min(a, b), Math.max(a, b)));
            }
            return new Pushed(new MessageFilter.Or(ranges), true);
        }
        if (k instanceof SearchKey.ModSeq m) {
            return new Pushed(new MessageFilter.ModSeqAtLeast(m.min()), true);
        }
        if (k instanceof SearchKey.Not n) {
            Pushed p = push(n.key(), largestUid);
            return p.exact() ? new Pushed(new MessageFilter.Not(p.filter()), true) : ANY;
        }
        if (k instanceof SearchKey.Or o) {
            Pushed a = push(o.a(), largestUid);
            Pushed b = push(o.b(), largestUid);
            return new Pushed(new MessageFilter.Or(List.of(a.filter(), b.filter())), a.exact() && b.exact());
        }
        if (k instanceof SearchKey.And a) {
            List<MessageFilter> all = new ArrayList<>();
            boolean exact = true;
            for (SearchKey c : a.keys()) {
                Pushed p = push(c, largestUid);
                all.add(p.filter());
                exact &= p.exact();
            }
            return new Pushed(new MessageFilter.And(all), exact);
        }
        return ANY; // header and text keys, sent dates, sequence numbers
    }

    private static boolean isFlagAtom(String flag) {
        try {
            Flags.normalize(List.of(flag));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
