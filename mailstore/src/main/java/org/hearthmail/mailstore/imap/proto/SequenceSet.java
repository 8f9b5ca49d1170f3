package org.hearthmail.mailstore.imap.proto;

import java.util.ArrayList;
import java.util.List;

/**
 * A sequence-set (RFC 3501 §9): message sequence numbers or UIDs, with {@code *} for the largest
 * number in use. {@code *} is kept as {@link #STAR} and resolved against the mailbox when tested.
 */
public record SequenceSet(List<Range> ranges) {
    public static final long STAR = -1;
    private static final long SAVED = -2;
    /** RFC 5182 §2.1: {@code $}, the result the last SEARCH RETURN (SAVE) kept; resolved by the command. */
    public static final SequenceSet SAVED_RESULT = new SequenceSet(List.of(new Range(SAVED, SAVED)));

    /** {@code from:to} in either order, or a single number when equal. */
    public record Range(long from, long to) {
    }

    public SequenceSet {
        ranges = List.copyOf(ranges);
    }

    public static SequenceSet parse(String text) throws ImapSyntaxException {
        if (text.isEmpty()) {
            throw new ImapSyntaxException("empty sequence set");
        }
        if (text.equals("$")) {
            return SAVED_RESULT;
        }
        List<Range> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                long n = number(part);
                out.add(new Range(n, n));
            } else {
                out.add(new Range(number(part.substring(0, colon)), number(part.substring(colon + 1))));
            }
        }
        return new SequenceSet(out);
    }

    public static SequenceSet of(long from, long to) {
        return new SequenceSet(List.of(new Range(from, to)));
    }

    private static long number(String s) throws ImapSyntaxException {
        if (s.equals("*")) {
            return STAR;
        }
        // RFC 3501 §9: nz-number = digit-nz *DIGIT, at most 32 bits.
        if (s.isEmpty() || s.length() > 10 || s.charAt(0) == '0' || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ImapSyntaxException("invalid sequence number: " + s);
        }
        long v = Long.parseLong(s);
        if (v > 0xFFFF_FFFFL) {
            throw new ImapSyntaxException("sequence number out of range: " + s);
        }
        return v;
    }

    /** True for {@code $} (RFC 5182), which the command replaces with the saved result before use. */
    public boolean isSavedResult() {
        return equals(SAVED_RESULT);
    }

    /**
     * True when {@code n} is in the set, {@code *} standing for {@code largest} (0 if none). {@code $}
     * contains nothing here: the commands that take it (RFC 5182 §2.2) replace it with the saved result.
     */
    public boolean contains(long n, long largest) {
        if (isSavedResult()) {
            return false;
        }
        for (Range r : ranges) {
            long a = r.from == STAR ? largest : r.from;
            long b = r.to == STAR ? largest : r.to;
            if (n >= Math.min(a, b) && n <= Math.max(a, b)) {
                return true;
            }
        }
        return false;
    }

    /** Renders ascending numbers compactly, e.g. {@code 1:3,7} (for COPYUID and ESEARCH). */
    public static String render(List<Long> ascending) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < ascending.size()) {
            int j = i;
            while (j + 1 < ascending.size() && ascending.get(j + 1) == ascending.get(j) + 1) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(ascending.get(i));
            if (j > i) {
                sb.append(':').append(ascending.get(j));
            }
            i = j + 1;
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Range r : ranges) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(r.from == STAR ? "*" : Long.toString(r.from));
            if (r.from != r.to) {
                sb.append(':').append(r.to == STAR ? "*" : Long.toString(r.to));
            }
        }
        return sb.toString();
    }
}
