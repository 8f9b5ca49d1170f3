package org.hearthmail.mailstore.imap.view;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import org.hearthmail.mailstore.store.BlobId;

/**
 * The next snapshot of a view, made by copying the current one once and applying a batch of
 * changes to the copy. Used by one thread (the view's lock holder).
 */
final class ViewBuilder {
    private int count;
    private long[] uid;
    private long[] modSeq;
    private int[] flagSet;
    private long[] internalDate;
    private long[] size;
    private int[] sentDay;
    private BlobId[] blob;
    private FlagSets.Interner flags;
    private long highestModSeq;

    ViewBuilder(ViewSnapshot from, FlagSets.Interner flags) {
        int capacity = Math.max(16, from.count + from.count / 8);
        this.count = from.count;
        this.uid = Arrays.copyOf(from.uid, capacity);
        this.modSeq = Arrays.copyOf(from.modSeq, capacity);
        this.flagSet = Arrays.copyOf(from.flagSet, capacity);
        this.internalDate = Arrays.copyOf(from.internalDate, capacity);
        this.size = Arrays.copyOf(from.size, capacity);
        this.sentDay = Arrays.copyOf(from.sentDay, capacity);
        this.blob = Arrays.copyOf(from.blob, capacity);
        this.flags = flags;
        this.highestModSeq = from.highestModSeq;
    }

    long largestUid() {
        return count == 0 ? 0 : uid[count - 1];
    }

    /** Adds a message above every UID held (rows arrive ascending). */
    void append(long u, long m, Set<String> f, long date, long octets, BlobId body) {
        if (u <= largestUid()) {
            throw new IllegalStateException("UID " + u + " not above " + largestUid());
        }
        if (count == uid.length) {
            grow();
        }
        uid[count] = u;
        modSeq[count] = m;
        flagSet[count] = flags.id(f);
        internalDate[count] = date;
        size[count] = octets;
        sentDay[count] = ViewSnapshot.SENT_UNKNOWN;
        blob[count] = body;
        count++;
        seen(m);
    }

    /** Applies a flag change unless the message is not held or already has this change or a later one. */
    void flagsChanged(long u, long m, Set<String> f) {
        int i = Arrays.binarySearch(uid, 0, count, u);
        if (i >= 0 && modSeq[i] < m) {
            modSeq[i] = m;
            flagSet[i] = flags.id(f);
        }
        seen(m);
    }

    /** Removes the messages held among {@code uids} in one pass over the columns. */
    void expunged(Collection<Long> uids, long m) {
        java.util.BitSet gone = new java.util.BitSet(count);
        for (long u : uids) {
            int i = Arrays.binarySearch(uid, 0, count, u);
            if (i >= 0) {
                gone.set(i);
            }
        }
        int to = gone.nextSetBit(0);
        if (to >= 0) {
            for (int from = to; from < count; from++) {
                if (!gone.get(from)) {
                    uid[to] = uid[from];
                    modSeq[to] = modSeq[from];
                    flagSet[to] = flagSet[from];
                    internalDate[to] = internalDate[from];
                    size[to] = size[from];
                    sentDay[to] = sentDay[from];
                    blob[to] = blob[from];
                    to++;
                }
            }
            Arrays.fill(blob, to, count, null); // let the expunged bodies' ids go
            count = to;
        }
        seen(m);
    }

    /** The snapshot reflects every change up to {@code m} (a full read at that HIGHESTMODSEQ). */
    void seenModSeq(long m) {
        seen(m);
    }

    private void seen(long m) {
        highestModSeq = Math.max(highestModSeq, m);
    }

    /**
     * The snapshot. When most flag combinations are no longer used (flags churn), they are
     * renumbered into a fresh table, so the table stays proportional to the mailbox.
     */
    ViewSnapshot build() {
        if (flags.size() > 64 + 2 * count) {
            FlagSets.Interner fresh = new FlagSets.Interner();
            for (int i = 0; i < count; i++) {
                flagSet[i] = fresh.id(flags.get(flagSet[i]));
            }
            flags = fresh;
        }
        return new ViewSnapshot(count, uid, modSeq, flagSet, internalDate, size, sentDay, blob, flags.table(),
                highestModSeq);
    }

    /** The interner the built snapshot's ids refer to (a fresh one after renumbering). */
    FlagSets.Interner interner() {
        return flags;
    }

    private void grow() {
        int capacity = Math.max(16, uid.length * 2);
        uid = Arrays.copyOf(uid, capacity);
        modSeq = Arrays.copyOf(modSeq, capacity);
        flagSet = Arrays.copyOf(flagSet, capacity);
        internalDate = Arrays.copyOf(internalDate, capacity);
        size = Arrays.copyOf(size, capacity);
        sentDay = Arrays.copyOf(sentDay, capacity);
        blob = Arrays.copyOf(blob, capacity);
    }
}
