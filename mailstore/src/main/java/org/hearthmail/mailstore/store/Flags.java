package org.hearthmail.mailstore.store;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** System flags and keywords as stored: a sorted set of atoms. */
public final class Flags {
    public static final String SEEN = "\\Seen";
    public static final String ANSWERED = "\\Answered";
    public static final String FLAGGED = "\\Flagged";
    public static final String DELETED = "\\Deleted";
    public static final String DRAFT = "\\Draft";

    private Flags() {
    }

    /**
     * RFC 3501 §9: flag-keyword is an atom, so it has no space, no control character and none of
     * {@code (){%*"\]}; system flags start with a backslash.
     */
    public static Set<String> normalize(Collection<String> flags) {
        if (flags instanceof Checked c) {
            return c; // checked already: every message row read passes here again (MessageMeta)
        }
        TreeSet<String> out = new TreeSet<>();
        for (String f : flags) {
            if (f == null || f.isEmpty() || f.chars().anyMatch(Flags::notAtomChar)
                    || f.indexOf('\\', 1) >= 0) {
                throw new IllegalArgumentException("RFC 3501 §9: not a valid flag: " + f);
            }
            out.add(f);
        }
        return new Checked(out);
    }

    /** A sorted, unmodifiable set of flags that {@link #normalize} has checked. */
    private static final class Checked extends java.util.AbstractSet<String> {
        private final java.util.SortedSet<String> flags;

        Checked(TreeSet<String> flags) {
            this.flags = java.util.Collections.unmodifiableSortedSet(flags);
        }

        @Override public java.util.Iterator<String> iterator() { return flags.iterator(); }
        @Override public int size() { return flags.size(); }
        @Override public boolean contains(Object o) { return flags.contains(o); }
    }

    public static String encode(Set<String> flags) {
        return String.join(" ", normalize(flags));
    }

    public static Set<String> decode(String text) {
        if (text == null || text.isEmpty()) {
            return Set.of();
        }
        // A mailbox has few distinct flag combinations: decode each once (sets are immutable).
        Set<String> known = DECODED.get(text);
        if (known == null) {
            known = normalize(Arrays.stream(text.split(" ")).collect(Collectors.toList()));
            if (DECODED.size() >= DECODED_MAX) {
                DECODED.clear();
            }
            DECODED.put(text, known);
        }
        return known;
    }

    private static final int DECODED_MAX = 4096;
    private static final java.util.Map<String, Set<String>> DECODED = new java.util.concurrent.ConcurrentHashMap<>();

    private static boolean notAtomChar(int c) {
        return c <= 0x20 || c >= 0x7f || "(){%*\"]".indexOf(c) >= 0;
    }
}
