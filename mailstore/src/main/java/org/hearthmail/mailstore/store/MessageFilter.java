package org.hearthmail.mailstore.store;

import java.time.Instant;
import java.util.List;

/**
 * A condition on a message's stored metadata that a store can test where the rows live (SQL
 * WHERE), so that {@link MessageStore#summaries(long, MessageFilter)} returns only what may
 * match. Each case is exact; callers that need more (IMAP SEARCH) test the rows again.
 */
public sealed interface MessageFilter {

    /** Every message. */
    record Any() implements MessageFilter {
    }

    /** No message. */
    record None() implements MessageFilter {
    }

    /**
     * Has (or lacks) the flag, compared ASCII-case-insensitively; {@code flag} must be a valid
     * flag atom (RFC 3501 §9), stored flags are always ASCII.
     */
    record HasFlag(String flag, boolean set) implements MessageFilter {
        public HasFlag {
            Flags.normalize(List.of(flag));
        }
    }

    /** RFC822.SIZE strictly above or below {@code octets}. */
    record Size(boolean larger, long octets) implements MessageFilter {
    }

    /** Internal date in {@code [from, to)}; null bounds are open. */
    record Received(Instant from, Instant to) implements MessageFilter {
    }

    /** UID in {@code [from, to]}. */
    record UidRange(long from, long to) implements MessageFilter {
    }

    /** MODSEQ at least {@code min}. */
    record ModSeqAtLeast(long min) implements MessageFilter {
    }

    record Not(MessageFilter filter) implements MessageFilter {
    }

    record And(List<MessageFilter> filters) implements MessageFilter {
        public And {
            filters = List.copyOf(filters);
        }
    }

    record Or(List<MessageFilter> filters) implements MessageFilter {
        public Or {
            filters = List.copyOf(filters);
        }
    }

    /** Evaluates the filter on one message (what the SQL form must agree with). */
    default boolean test(MessageMeta m) {
        if (this instanceof Any) {
            return true;
        }
        if (this instanceof None) {
            return false;
        }
        if (this instanceof HasFlag f) {
            boolean has = m.flags().stream().anyMatch(x -> asciiEqualsIgnoreCase(x, f.flag()));
            return has == f.set();
        }
        if (this instanceof Size s) {
            return s.larger() ? m.size() > s.octets() : m.size() < s.octets();
        }
        if (this instanceof Received r) {
            return (r.from() == null || !m.internalDate().isBefore(r.from()))
                    && (r.to() == null || m.internalDate().isBefore(r.to()));
        }
        if (this instanceof UidRange u) {
            return m.uid() >= u.from() && m.uid() <= u.to();
        }
        if (this instanceof ModSeqAtLeast x) {
            return m.modSeq() >= x.min();
        }
        if (this instanceof Not n) {
            return !n.filter().test(m);
        }
        if (this instanceof And a) {
            return a.filters().stream().allMatch(f -> f.test(m));
        }
        return ((Or) this).filters().stream().anyMatch(f -> f.test(m));
    }

    private static boolean asciiEqualsIgnoreCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && Character.toLowerCase(x) != Character.toLowerCase(y)) {
                return false;
            }
        }
        return true;
    }
}
