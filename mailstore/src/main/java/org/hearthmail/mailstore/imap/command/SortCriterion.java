package org.hearthmail.mailstore.imap.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.hearthmail.mailstore.imap.proto.Arg;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;

/** One sort criterion of RFC 5256 §3: a key, ascending or (REVERSE) descending. */
record SortCriterion(Key key, boolean reverse) {

    /** RFC 5256 §3 sort keys. */
    enum Key {
        /** Internal date and time of the message. */
        ARRIVAL(Comparator.comparingLong(SortRow::arrival)),
        /** addr-mailbox of the first Cc address. */
        CC(Comparator.comparing(r -> r.fields().cc(), SortCriterion::asciiCasemap)),
        /** Sent date and time (§2.2). */
        DATE(Comparator.comparingLong(SortRow::sent)),
        /** addr-mailbox of the first From address. */
        FROM(Comparator.comparing(r -> r.fields().from(), SortCriterion::asciiCasemap)),
        /** Size of the message in octets. */
        SIZE(Comparator.comparingLong(SortRow::size)),
        /** Base subject text (§2.1). */
        SUBJECT(Comparator.comparing(r -> r.fields().subject().text(), SortCriterion::asciiCasemap)),
        /** addr-mailbox of the first To address. */
        TO(Comparator.comparing(r -> r.fields().to(), SortCriterion::asciiCasemap));

        private final Comparator<SortRow> order;

        Key(Comparator<SortRow> order) {
            this.order = order;
        }
    }

    /**
     * RFC 5256 §5: sort-criteria = "(" sort-criterion *(SP sort-criterion) ")";
     * sort-criterion = ["REVERSE" SP] sort-key.
     */
    static List<SortCriterion> parse(List<Arg> list) throws ImapSyntaxException {
        if (list.isEmpty()) {
            throw new ImapSyntaxException("SORT needs at least one sort criterion");
        }
        List<SortCriterion> out = new ArrayList<>();
        boolean reverse = false;
        for (Arg a : list) {
            if (!(a instanceof Arg.Atom atom)) {
                throw new ImapSyntaxException("sort key expected");
            }
            String word = atom.value().toUpperCase(Locale.ROOT);
            if (word.equals("REVERSE") && !reverse) {
                reverse = true;
                continue;
            }
            try {
                out.add(new SortCriterion(Key.valueOf(word), reverse));
            } catch (IllegalArgumentException e) {
                throw new ImapSyntaxException("unknown sort key " + atom.value());
            }
            reverse = false;
        }
        if (reverse) {
            throw new ImapSyntaxException("REVERSE needs a sort key after it");
        }
        return List.copyOf(out);
    }

    /**
     * The order of all criteria, then the sequence number: RFC 5256 §3 "If two or more messages
     * exactly match according to the sorting criteria, these messages are sorted according to the
     * order in which they appear in the mailbox", which REVERSE does not turn around.
     */
    static Comparator<SortRow> comparator(List<SortCriterion> criteria) {
        Comparator<SortRow> c = null;
        for (SortCriterion s : criteria) {
            Comparator<SortRow> one = s.reverse ? s.key.order.reversed() : s.key.order;
            c = c == null ? one : c.thenComparing(one);
        }
        Comparator<SortRow> bySeq = Comparator.comparingInt(SortRow::seq);
        return c == null ? bySeq : c.thenComparing(bySeq);
    }

    /**
     * RFC 5256 §3 compares strings with the i;ascii-casemap collation (RFC 4790 §9.2): a-z as A-Z,
     * otherwise octet by octet. Comparing code points orders as the UTF-8 octets do.
     */
    static int asciiCasemap(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            int d = Integer.compare(upper(x), upper(y));
            if (d != 0) {
                return d;
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static int upper(int c) {
        return c >= 'a' && c <= 'z' ? c - 32 : c;
    }
}
