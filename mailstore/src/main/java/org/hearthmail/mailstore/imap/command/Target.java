package org.hearthmail.mailstore.imap.command;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hearthmail.mailstore.imap.proto.SequenceSet;
import org.hearthmail.mailstore.imap.server.SelectedMailbox;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.MessageStore;

/** A message a command acts on: its sequence number in the session's view and its stored metadata. */
record Target(int seq, MessageMeta meta) {
    /** Below this many messages they are read one by one, above it the whole mailbox is listed once. */
    private static final int SINGLE_READS = 32;

    /**
     * The messages of the selected mailbox named by {@code set} (UIDs or sequence numbers), in
     * ascending order, with their parse caches (for FETCH). Messages another session expunged from
     * the store are left out; numbers beyond the mailbox match nothing.
     */
    static List<Target> resolve(CommandContext ctx, SequenceSet set, boolean uid) {
        return resolve(ctx.store(), ctx.selected(), set, uid, true);
    }

    /**
     * As {@link #resolve}, but the metadata has no parse caches ({@code MessageStore.summaries}):
     * one cheap read for commands that need only UIDs, flags, dates and sizes (STORE, SEARCH).
     */
    static List<Target> summaries(CommandContext ctx, SequenceSet set, boolean uid) {
        return resolve(ctx.store(), ctx.selected(), set, uid, false);
    }

    static List<Target> resolve(MessageStore store, SelectedMailbox view, SequenceSet set, boolean uid,
                                boolean caches) {
        BitSet seqs = seqs(view, set, uid);
        int count = seqs.cardinality();
        List<Target> out = new ArrayList<>(count);
        if (count <= SINGLE_READS) {
            for (int seq = seqs.nextSetBit(1); seq >= 0; seq = seqs.nextSetBit(seq + 1)) {
                int s = seq;
                store.message(view.id(), view.uidAt(seq)).ifPresent(m -> out.add(new Target(s, m)));
            }
            return out;
        }
        Map<Long, MessageMeta> all = new HashMap<>();
        for (MessageMeta m : caches ? store.messages(view.id()) : store.summaries(view.id())) {
            all.put(m.uid(), m);
        }
        for (int seq = seqs.nextSetBit(1); seq >= 0; seq = seqs.nextSetBit(seq + 1)) {
            MessageMeta m = all.get(view.uidAt(seq));
            if (m != null) {
                out.add(new Target(seq, m));
            }
        }
        return out;
    }

    /**
     * RFC 3501 §9 sequence-set: the sequence numbers of the view that {@code set} names, {@code *}
     * being the largest number in use; ranges are taken in either order. Works range by range
     * (binary search over the view's UIDs), so one UID costs O(log n), not a pass over the mailbox.
     */
    static BitSet seqs(SelectedMailbox view, SequenceSet set, boolean uid) {
        if (set.isSavedResult()) {
            // RFC 5182 §2.1: "$" names the messages the saved SEARCH result holds, by UID.
            set = view.savedResult();
            uid = true;
        }
        int exists = view.exists();
        BitSet out = new BitSet(exists + 1);
        if (exists == 0) {
            return out;
        }
        long largest = uid ? view.largestUid() : exists;
        List<Long> uids = view.uids();
        for (SequenceSet.Range r : set.ranges()) {
            long a = r.from() == SequenceSet.STAR ? largest : r.from();
            long b = r.to() == SequenceSet.STAR ? largest : r.to();
            long lo = Math.min(a, b);
            long hi = Math.max(a, b);
            if (uid) {
                int from = lowerBound(uids, lo);
                int to = lowerBound(uids, hi + 1); // exclusive
                if (from < to) {
                    out.set(from + 1, to + 1);
                }
            } else if (lo <= exists && hi >= 1) {
                out.set((int) Math.max(1, lo), (int) Math.min(exists, hi) + 1);
            }
        }
        return out;
    }

    /** The index of the first UID not below {@code uid} ({@code uids} ascending). */
    private static int lowerBound(List<Long> uids, long uid) {
        int i = Collections.binarySearch(uids, uid);
        return i >= 0 ? i : -i - 1;
    }
}
