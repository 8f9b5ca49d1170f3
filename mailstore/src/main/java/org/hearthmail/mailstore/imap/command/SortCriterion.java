package org.hearthmail.mailstore.imap.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.hearthmail.mailstore.imap.proto.Arg;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;

/** One sort criterion of RFC 5256 §3: a key, ascending or (REVERSE) descending. */
record SortCriterion(Key key, boolean reverse) {

    /** RFC 5256 §3 sort keys: a number, or a string compared with i;ascii-casemap. */
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
        SUBJECT(null, r -> r.fields().subject().text()),
        /** addr-mailbox of the first To address. */
        TO(null, r -> r.fields().to());

        private final ToLongFunction<SortRow> number;
        private final Function<SortRow, String> text;

        Key(ToLongFunction<SortRow> number, Function<SortRow, String> text) {
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
     * around. Each key is computed once per row, not once per comparison: numbers into a
     * {@code long[]}, strings as their casemapped UTF-8 octets (RFC 5256 §3 compares strings with
     * i;ascii-casemap, RFC 4790 §9.2: a-z as A-Z, otherwise octet by octet; so an unsigned octet
     * comparison of the casemapped form is the collation, {@link #casemapped}).
     */
    static List<SortRow> sort(List<SortRow> rows, List<SortCriterion> criteria) {
        int n = rows.size();
        int k = criteria.size();
        long[][] numbers = new long[k][];
        byte[][][] texts = new byte[k][][];
        for (int c = 0; c < k; c++) {
            Key key = criteria.get(c).key;
            if (key.number != null) {
                numbers[c] = new long[n];
                for (int i = 0; i < n; i++) {
                    numbers[c][i] = key.number.applyAsLong(rows.get(i));
                }
            } else {
                texts[c] = new byte[n][];
                for (int i = 0; i < n; i++) {
                    texts[c][i] = casemapped(key.text.apply(rows.get(i)));
                }
            }
        }
        int[] seq = new int[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            seq[i] = rows.get(i).seq();
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            for (int c = 0; c < k; c++) {
                int d = numbers[c] != null ? Long.compare(numbers[c][a], numbers[c][b])
                        : Arrays.compareUnsigned(texts[c][a], texts[c][b]);
                if (d != 0) {
                    return criteria.get(c).reverse ? -d : d;
                }
            }
            return Integer.compare(seq[a], seq[b]);
        });
        List<SortRow> out = new ArrayList<>(n);
        for (Integer i : order) {
            out.add(rows.get(i));
        }
        return out;
    }

    /** {@code s} with a-z as A-Z: two strings are equal under i;ascii-casemap when these are equal. */
    static String casemappedText(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, (char) (c - 32));
            }
        }
        return b == null ? s : b.toString();
    }

    /** The UTF-8 octets of {@code s} with a-z as A-Z: what i;ascii-casemap compares. */
    static byte[] casemapped(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] >= 'a' && b[i] <= 'z') {
                b[i] -= 32;
            }
        }
        return b;
    }
}
