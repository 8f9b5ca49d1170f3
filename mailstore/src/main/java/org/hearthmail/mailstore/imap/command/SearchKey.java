package org.hearthmail.mailstore.imap.command;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.hearthmail.mailstore.imap.proto.SequenceSet;

/** A parsed SEARCH criterion (RFC 3501 §6.4.4) and how it matches one message. */
sealed interface SearchKey {

    /** What a key may look at; header and body text are read only when a key needs them. */
    interface Candidate {
        int seq();

        long uid();

        int exists();

        long largestUid();

        org.hearthmail.mailstore.store.MessageMeta meta();

        /** Decoded values of a header field (RFC 2047 words decoded). */
        List<String> header(String name) throws IOException;

        /** Decoded text of the body (text parts, transfer encoding and charset undone). */
        String bodyText() throws IOException;

        /** Decoded text of the whole header. */
        String headerText() throws IOException;

        /** The Date header's day, or null. */
        LocalDate sentDate() throws IOException;
    }

    boolean matches(Candidate c) throws IOException;

    /** True when matching reads message content (header or body), so cheap keys can be tried first. */
    default boolean readsContent() {
        return false;
    }

    record All() implements SearchKey {
        public boolean matches(Candidate c) { return true; }
    }

    /** NEW and RECENT: \Recent is not kept, so nothing is recent. */
    record Nothing() implements SearchKey {
        public boolean matches(Candidate c) { return false; }
    }

    record Flag(String flag, boolean set) implements SearchKey {
        public boolean matches(Candidate c) {
            boolean has = c.meta().flags().stream().anyMatch(f -> f.equalsIgnoreCase(flag));
            return has == set;
        }
    }

    /** FROM, TO, CC, BCC, SUBJECT, HEADER: case-insensitive substring; an empty string matches presence. */
    record Header(String field, String needle) implements SearchKey {
        public boolean matches(Candidate c) throws IOException {
            String n = needle.toLowerCase(Locale.ROOT);
            return c.header(field).stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains(n));
        }

        public boolean readsContent() { return true; }
    }

    /** BODY (body only) and TEXT (header and body). */
    record Text(String needle, boolean withHeader) implements SearchKey {
        public boolean matches(Candidate c) throws IOException {
            String n = needle.toLowerCase(Locale.ROOT);
            return (withHeader && c.headerText().toLowerCase(Locale.ROOT).contains(n))
                    || c.bodyText().toLowerCase(Locale.ROOT).contains(n);
        }

        public boolean readsContent() { return true; }
    }

    enum When { BEFORE, ON, SINCE }

    /** BEFORE, ON, SINCE on the internal date; SENTBEFORE, SENTON, SENTSINCE on the Date header. */
    record Date(When when, LocalDate date, boolean sent) implements SearchKey {
        public boolean matches(Candidate c) throws IOException {
            LocalDate d = sent ? c.sentDate() : c.meta().internalDate().atOffset(java.time.ZoneOffset.UTC).toLocalDate();
            if (d == null) {
                return false;
            }
            return switch (when) {
                case BEFORE -> d.isBefore(date);
                case ON -> d.isEqual(date);
                case SINCE -> !d.isBefore(date);
            };
        }

        public boolean readsContent() { return sent; }
    }

    record Size(boolean larger, long octets) implements SearchKey {
        public boolean matches(Candidate c) {
            return larger ? c.meta().size() > octets : c.meta().size() < octets;
        }
    }

    record Numbers(SequenceSet set, boolean uid) implements SearchKey {
        public boolean matches(Candidate c) {
            return uid ? set.contains(c.uid(), c.largestUid()) : set.contains(c.seq(), c.exists());
        }
    }

    /** RFC 7162 §3.1.5: MODSEQ n matches messages with a mod-sequence of at least n. */
    record ModSeq(long min) implements SearchKey {
        public boolean matches(Candidate c) {
            return c.meta().modSeq() >= min;
        }
    }

    /** True when this key or one inside it is a MODSEQ key (the response then names the highest). */
    static boolean usesModSeq(SearchKey k) {
        if (k instanceof ModSeq) {
            return true;
        }
        if (k instanceof Not n) {
            return usesModSeq(n.key());
        }
        if (k instanceof Or o) {
            return usesModSeq(o.a()) || usesModSeq(o.b());
        }
        return k instanceof And a && a.keys().stream().anyMatch(SearchKey::usesModSeq);
    }

    record Not(SearchKey key) implements SearchKey {
        public boolean matches(Candidate c) throws IOException { return !key.matches(c); }

        public boolean readsContent() { return key.readsContent(); }
    }

    record Or(SearchKey a, SearchKey b) implements SearchKey {
        public boolean matches(Candidate c) throws IOException { return a.matches(c) || b.matches(c); }

        public boolean readsContent() { return a.readsContent() || b.readsContent(); }
    }

    record And(List<SearchKey> keys) implements SearchKey {
        public And {
            // Cheap keys first: a message failing a flag test is never read.
            keys = keys.stream().sorted(java.util.Comparator.comparing(SearchKey::readsContent)).toList();
        }

        public boolean matches(Candidate c) throws IOException {
            for (SearchKey k : keys) {
                if (!k.matches(c)) {
                    return false;
                }
            }
            return true;
        }

        public boolean readsContent() { return keys.stream().anyMatch(SearchKey::readsContent); }
    }
}
