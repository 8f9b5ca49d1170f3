package org.hearthmail.mailstore.imap.view;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.Set;
import org.hearthmail.mailstore.store.BlobId;

/**
 * One consistent state of a mailbox's messages, ascending by UID, in parallel primitive arrays.
 * Never changes once published, except two caches filled on first use: the sent-day column (every
 * writer computes the same value from the same immutable message, so a lost write only costs a
 * recomputation) and the results of flag tests (computed from the snapshot's own flags).
 */
public final class ViewSnapshot {
    private static final String SEEN = org.hearthmail.mailstore.store.Flags.SEEN;
    /** {@link #sentDay}: not looked at yet. */
    public static final int SENT_UNKNOWN = Integer.MIN_VALUE;
    /** {@link #sentDay}: the message has no Date field, or one that does not parse. */
    public static final int SENT_NONE = Integer.MIN_VALUE + 1;
    /** Flag test results kept per snapshot (a few bits per message each). */
    static final int MAX_FLAG_MATCHES = 16;

    final int count;
    final long[] uid;
    final long[] modSeq;
    final int[] flagSet;
    final long[] internalDate;
    final long[] size;
    final int[] sentDay;
    final BlobId[] blob;
    final FlagSets flagSets;
    final long highestModSeq;
    private volatile FlagSummary flagSummary;
    /** Flag tests' results, by a key the searcher chooses ({@link #flagMatches(String, BitSet)}). */
    private final Map<String, BitSet> flagMatches = new ConcurrentHashMap<>();

    ViewSnapshot(int count, long[] uid, long[] modSeq, int[] flagSet, long[] internalDate, long[] size,
                 int[] sentDay, BlobId[] blob, FlagSets flagSets, long highestModSeq) {
        this.count = count;
        this.uid = uid;
        this.modSeq = modSeq;
        this.flagSet = flagSet;
        this.internalDate = internalDate;
        this.size = size;
        this.sentDay = sentDay;
        this.blob = blob;
        this.flagSets = flagSets;
        this.highestModSeq = highestModSeq;
    }

    static ViewSnapshot empty() {
        return new ViewSnapshot(0, new long[0], new long[0], new int[0], new long[0], new long[0], new int[0],
                new BlobId[0], FlagSets.empty(), 0);
    }

    public int count() {
        return count;
    }

    public long uid(int i) {
        return uid[i];
    }

    public long modSeq(int i) {
        return modSeq[i];
    }

    /** The flags of message {@code i}; messages with the same flags share one set. */
    public Set<String> flags(int i) {
        return flagSets.get(flagSet[i]);
    }

    /** Id of message {@code i}'s flag combination, below {@link #flagSetCount()}. */
    public int flagSetId(int i) {
        return flagSet[i];
    }

    /** How many flag combinations ids may name; tests on flags are computed once per combination. */
    public int flagSetCount() {
        return flagSets.size();
    }

    public Set<String> flagSet(int id) {
        return flagSets.get(id);
    }

    /** INTERNALDATE in milliseconds since the epoch. */
    public long internalDate(int i) {
        return internalDate[i];
    }

    /** RFC822.SIZE. */
    public long size(int i) {
        return size[i];
    }

    /** The body file of message {@code i}. */
    public BlobId blob(int i) {
        return blob[i];
    }

    /** Day (epoch day, UTC) of the Date field, {@link #SENT_NONE}, or {@link #SENT_UNKNOWN}. */
    public int sentDay(int i) {
        return sentDay[i];
    }

    /** Remembers the sent day of message {@code i} (the value {@link #sentDay} should have had). */
    public void sentDay(int i, int epochDay) {
        sentDay[i] = epochDay;
    }

    /** The largest UID held, or 0 when empty. */
    public long largestUid() {
        return count == 0 ? 0 : uid[count - 1];
    }

    /**
     * The highest MODSEQ of a message held, of a change applied (expunges included) or of the
     * mailbox when it was last read whole. A HIGHESTMODSEQ read from the store before a sync that
     * is above it names a change whose event had not reached the view yet.
     */
    public long highestModSeq() {
        return highestModSeq;
    }

    /**
     * Where a session's messages are in this snapshot: {@code seqOf[i]} is the sequence number the
     * session gives message {@code i} of the view (0 when it does not number it: added after its
     * last report), {@code present} the messages it numbers. Read-only for its users.
     */
    public record Numbering(int[] seqOf, BitSet present) {
    }

    /** The numbering of a session whose messages are {@code sessionUids[0..sessionCount)}, ascending. */
    public Numbering number(long[] sessionUids, int sessionCount) {
        int[] seqOf = new int[count];
        BitSet present = new BitSet(count);
        int j = 0;
        for (int i = 0; i < count && j < sessionCount; i++) {
            long u = uid[i];
            while (j < sessionCount && sessionUids[j] < u) {
                j++; // numbered by the session, gone from the store (expunge not reported yet)
            }
            if (j < sessionCount && sessionUids[j] == u) {
                seqOf[i] = ++j;
                present.set(i);
            }
        }
        return new Numbering(seqOf, present);
    }

    // Column filters: the messages of {@code in} whose column value passes. Each tests the whole
    // column in one counted loop that sets bits in words (no call per message: a search runs these
    // loops a few times per command, mostly before the JIT compiles them, so every bytecode in the
    // loop counts), then keeps what is in {@code in} with word operations.

    /** Every message whose flag combination {@code matching[id]} is true ({@link #flagMatches}). */
    public BitSet withFlags(boolean[] matching) {
        long[] w = new long[words()];
        for (int i = 0; i < count; i++) {
            if (matching[flagSet[i]]) {
                w[i >>> 6] |= 1L << i;
            }
        }
        return BitSet.valueOf(w);
    }

    /** The result kept under {@code key} by {@link #flagMatches(String, BitSet)}, or null; not to be changed. */
    public BitSet flagMatches(String key) {
        return flagMatches.get(key);
    }

    /**
     * Keeps the messages a flag test matches (a {@link #withFlags} result) under {@code key}, one of
     * at most {@link #MAX_FLAG_MATCHES} per snapshot: a snapshot's flags never change, so neither does
     * the result. {@code matches} must not be changed afterwards.
     */
    public void flagMatches(String key, BitSet matches) {
        if (flagMatches.size() < MAX_FLAG_MATCHES) {
            flagMatches.putIfAbsent(key, matches);
        }
    }

    /** Those with RFC822.SIZE above (or below) {@code octets}. */
    public BitSet withSize(BitSet in, boolean larger, long octets) {
        long[] w = new long[words()];
        for (int i = 0; i < count; i++) {
            if (larger ? size[i] > octets : size[i] < octets) {
                w[i >>> 6] |= 1L << i;
            }
        }
        return within(w, in);
    }

    /** Those with an internal date in {@code [from, to)} (milliseconds since the epoch). */
    public BitSet withInternalDate(BitSet in, long from, long to) {
        long[] w = new long[words()];
        for (int i = 0; i < count; i++) {
            if (internalDate[i] >= from && internalDate[i] < to) {
                w[i >>> 6] |= 1L << i;
            }
        }
        return within(w, in);
    }

    /**
     * Those with a sent day in {@code [from, to)} (epoch days); {@link #SENT_NONE} never matches.
     * The caller has filled the sent day of every message of {@code in} ({@link #nextSentUnknown}).
     */
    public BitSet withSentDay(BitSet in, long from, long to) {
        long[] w = new long[words()];
        for (int i = 0; i < count; i++) {
            int d = sentDay[i];
            if (d >= from && d < to && d != SENT_NONE && d != SENT_UNKNOWN) {
                w[i >>> 6] |= 1L << i;
            }
        }
        return within(w, in);
    }

    /** The first message of {@code in} at or after {@code from} whose sent day is not known yet, or -1. */
    public int nextSentUnknown(BitSet in, int from) {
        for (int i = from; i < count; i++) {
            if (sentDay[i] == SENT_UNKNOWN && in.get(i)) {
                return i;
            }
        }
        return -1;
    }

    /** Those with a MODSEQ of at least {@code min}. */
    public BitSet withModSeqAtLeast(BitSet in, long min) {
        long[] w = new long[words()];
        for (int i = 0; i < count; i++) {
            if (modSeq[i] >= min) {
                w[i >>> 6] |= 1L << i;
            }
        }
        return within(w, in);
    }

    /** The indexes {@code which} holds, ascending, read word by word (no call per index). */
    public static int[] indexes(BitSet which) {
        int[] out = new int[which.cardinality()];
        long[] w = which.toLongArray();
        int n = 0;
        for (int k = 0; k < w.length; k++) {
            for (long bits = w[k]; bits != 0; bits &= bits - 1) {
                out[n++] = (k << 6) + Long.numberOfTrailingZeros(bits);
            }
        }
        return out;
    }

    /** The UIDs of the messages at {@code indexes}, in that order. */
    public long[] uids(int[] indexes) {
        long[] out = new long[indexes.length];
        for (int k = 0; k < indexes.length; k++) {
            out[k] = uid[indexes[k]];
        }
        return out;
    }

    /** The highest MODSEQ of the messages {@code which} names, 0 when none. */
    public long highestModSeq(BitSet which) {
        long max = 0;
        for (int i = which.nextSetBit(0); i >= 0; i = which.nextSetBit(i + 1)) {
            max = Math.max(max, modSeq[i]);
        }
        return max;
    }

    private int words() {
        return (count + 63) >>> 6;
    }

    private static BitSet within(long[] words, BitSet in) {
        BitSet out = BitSet.valueOf(words);
        out.and(in);
        return out;
    }

    /** Copies the UIDs and MODSEQs of all messages into the start of the given arrays. */
    public void copyTo(long[] uids, long[] modSeqs) {
        System.arraycopy(uid, 0, uids, 0, count);
        System.arraycopy(modSeq, 0, modSeqs, 0, count);
    }

    /**
     * What SELECT announces about flags (RFC 3501 §6.3.1, §7.2.6): the keywords in use and the
     * index of the first message without {@code \Seen} (-1 when all are seen).
     */
    public record FlagSummary(SortedSet<String> keywords, int firstUnseen) {
    }

    /** The flag summary, computed on first use (a snapshot never changes, so once). */
    public FlagSummary flagSummary() {
        FlagSummary f = flagSummary;
        if (f == null) {
            f = summarize();
            flagSummary = f;
        }
        return f;
    }

    private FlagSummary summarize() {
        int sets = flagSets.size();
        boolean[] used = new boolean[sets];
        boolean[] unseen = new boolean[sets];
        for (int id = 0; id < sets; id++) {
            unseen[id] = !flagSets.get(id).contains(SEEN);
        }
        int firstUnseen = -1;
        for (int i = 0; i < count; i++) {
            used[flagSet[i]] = true;
            if (firstUnseen < 0 && unseen[flagSet[i]]) {
                firstUnseen = i;
            }
        }
        SortedSet<String> keywords = new TreeSet<>();
        for (int id = 0; id < sets; id++) {
            if (used[id]) {
                for (String flag : flagSets.get(id)) {
                    if (!flag.startsWith("\\")) { // system flags start with a backslash (RFC 3501 §2.3.2)
                        keywords.add(flag);
                    }
                }
            }
        }
        return new FlagSummary(Collections.unmodifiableSortedSet(keywords), firstUnseen);
    }

    /** The index of {@code uid}, or -1 when it is not held. */
    public int indexOf(long uid) {
        int i = Arrays.binarySearch(this.uid, 0, count, uid);
        return i < 0 ? -1 : i;
    }

    /** The first index whose UID is at least {@code uid} ({@link #count} when none). */
    public int lowerBound(long uid) {
        int i = Arrays.binarySearch(this.uid, 0, count, uid);
        return i < 0 ? -i - 1 : i;
    }
}
