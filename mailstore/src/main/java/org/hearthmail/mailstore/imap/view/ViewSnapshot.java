package org.hearthmail.mailstore.imap.view;

import java.util.Arrays;
import java.util.Set;

/**
 * One consistent state of a mailbox's messages, ascending by UID, in parallel primitive arrays.
 * Never changes once published, except the sent-day column, a cache filled on first use (every
 * writer computes the same value from the same immutable message, so a lost write only costs a
 * recomputation).
 */
public final class ViewSnapshot {
    /** {@link #sentDay}: not looked at yet. */
    public static final int SENT_UNKNOWN = Integer.MIN_VALUE;
    /** {@link #sentDay}: the message has no Date field, or one that does not parse. */
    public static final int SENT_NONE = Integer.MIN_VALUE + 1;

    final int count;
    final long[] uid;
    final long[] modSeq;
    final int[] flagSet;
    final long[] internalDate;
    final long[] size;
    final int[] sentDay;
    final FlagSets flagSets;
    final long highestModSeq;

    ViewSnapshot(int count, long[] uid, long[] modSeq, int[] flagSet, long[] internalDate, long[] size,
                 int[] sentDay, FlagSets flagSets, long highestModSeq) {
        this.count = count;
        this.uid = uid;
        this.modSeq = modSeq;
        this.flagSet = flagSet;
        this.internalDate = internalDate;
        this.size = size;
        this.sentDay = sentDay;
        this.flagSets = flagSets;
        this.highestModSeq = highestModSeq;
    }

    static ViewSnapshot empty() {
        return new ViewSnapshot(0, new long[0], new long[0], new int[0], new long[0], new long[0], new int[0],
                FlagSets.empty(), 0);
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

    /** The highest MODSEQ of a message held or of a change seen (expunges included). */
    public long highestModSeq() {
        return highestModSeq;
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
