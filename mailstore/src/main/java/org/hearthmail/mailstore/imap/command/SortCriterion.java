package org.hearthmail.mailstore.imap.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.hearthmail.mailstore.imap.proto.Arg;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;

/** One sort criterion of RFC 5256 §3: a key, ascending or (REVERSE) descending. */
record SortCriterion(Key key, boolean reverse) {

    /**
     * RFC 5256 §3 sort keys: a number, or a string compared with i;ascii-casemap (as the
     * {@link TextKey} the header index made when it took the message in).
     */
    enum Key {
        /** Internal date and time of the message. */
        ARRIVAL(SortRow::arrival, null),
        /** addr-mailbox of the first Cc address. */
        CC(null, r -> r.fields().cc()),
        /** Sent date and time (§2.2). */
        DATE(SortRow::sent, null),
        /** addr-mailbox of the first From address. */
        FROM(null, r -> r.fields().from()),
        /** Size of the message in octets. */
        SIZE(SortRow::size, null),
        /** Base subject text (§2.1). */
        SUBJECT(null, r -> r.fields().subject()),
        /** addr-mailbox of the first To address. */
        TO(null, r -> r.fields().to());

        private final ToLongFunction<SortRow> number;
        private final Function<SortRow, TextKey> text;

        Key(ToLongFunction<SortRow> number, Function<SortRow, TextKey> text) {
            this.number = number;
            this.text = text;
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
     * {@code rows} in the order of all criteria, then the sequence number: RFC 5256 §3 "If two or
     * more messages exactly match according to the sorting criteria, these messages are sorted
     * according to the order in which they appear in the mailbox", which REVERSE does not turn
     * around. The keys were computed when the message was indexed ({@link SortFields}); here they
     * are only gathered into columns and the row indices sorted ({@link SortColumns}).
     */
    static List<SortRow> sort(List<SortRow> rows, List<SortCriterion> criteria) {
        return sort(rows, criteria, null);
    }

    /**
     * As {@link #sort(List, List)}, with the text keys' ranks taken from (and kept in) the
     * mailbox's {@link SortRanks} when {@code ranks} is not null.
     */
    static List<SortRow> sort(List<SortRow> rows, List<SortCriterion> criteria, SortRanks ranks) {
        int n = rows.size();
        if (!inMailboxOrder(rows)) {
            rows = new ArrayList<>(rows);
            rows.sort(Comparator.comparingInt(SortRow::seq)); // ties go by index: index order must be mailbox order
        }
        SortColumns columns = new SortColumns(n, criteria.size());
        for (int c = 0; c < criteria.size(); c++) {
            Key key = criteria.get(c).key;
            if (key.number != null) {
                long[] column = columns.numbers(c, criteria.get(c).reverse);
                for (int i = 0; i < n; i++) {
                    column[i] = key.number.applyAsLong(rows.get(i));
                }
            } else if (ranks != null) {
                long[] ranked = ranks.ranks(key, rows, key.text);
                System.arraycopy(ranked, 0, columns.numbers(c, criteria.get(c).reverse), 0, n);
            } else {
                TextKey[] column = columns.texts(c, criteria.get(c).reverse);
                for (int i = 0; i < n; i++) {
                    column[i] = key.text.apply(rows.get(i));
                }
            }
        }
        int[] order = columns.sorted();
        SortRow[] out = new SortRow[n];
        for (int i = 0; i < n; i++) {
            out[i] = rows.get(order[i]);
        }
        return Arrays.asList(out);
    }

    private static boolean inMailboxOrder(List<SortRow> rows) {
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i - 1).seq() > rows.get(i).seq()) {
                return false;
            }
        }
        return true;
    }
}
