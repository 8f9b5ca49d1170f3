package org.hearthmail.mailstore.imap.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.hearthmail.mailstore.imap.proto.SequenceSet;
import org.hearthmail.mailstore.imap.server.SelectedMailbox;
import org.hearthmail.mailstore.imap.view.MailboxView;
import org.hearthmail.mailstore.imap.view.ViewSnapshot;
import org.hearthmail.mailstore.store.MessageFilter;
import org.hearthmail.mailstore.store.MessageMeta;

/**
 * The messages a FETCH names, as summary rows (no parse caches): taken from the shared mailbox view
 * (which holds every column a summary has), or, for a session without one, read with one query over
 * the UID ranges they form: {@code 1:*} is one range, {@code UID FETCH 7} one row, never a read per
 * message. A set scattered over more than {@link #MAX_RANGES} ranges reads the whole mailbox's
 * summaries once.
 */
final class FetchTargets {
    private static final int MAX_RANGES = 64;

    private FetchTargets() {
    }

    /**
     * The messages {@code set} names, from {@code snapshot} of the shared mailbox view ({@link
     * #fromView}: the body's file and size with the rest of the summary) without reading the store;
     * null without a snapshot, or when one of them is not in it (expunged meanwhile: a read of the
     * rows decides). For a FETCH of bodies, which must not silently leave a message out here.
     */
    static List<Target> bodiesOnly(CommandContext ctx, SequenceSet set, boolean uid, ViewSnapshot snapshot) {
        if (snapshot == null) {
            return null;
        }
        BitSet seqs = Target.seqs(ctx.selected(), set, uid);
        List<Target> out = fromView(ctx.selected(), snapshot, seqs);
        return out.size() == seqs.cardinality() ? out : null;
    }

    /**
     * As {@link Target#summaries}, ascending: from the shared mailbox view when the session has one
     * (no SQL, and the first response is written sooner), else from the store's rows.
     */
    static List<Target> summaries(CommandContext ctx, SequenceSet set, boolean uid) {
        SelectedMailbox view = ctx.selected();
        BitSet seqs = Target.seqs(view, set, uid);
        MailboxView shared = view.shared();
        // Synced up to the session's largest UID: every message the session numbers and the store still
        // holds is in the snapshot, even one whose MessageAdded event reached the session first.
        return shared == null ? fromRows(ctx, view, set, uid, seqs)
                : fromView(view, shared.sync(view.largestUid()), seqs);
    }

    /**
     * The messages {@code seqs} names that the view holds, with the view's state of each: a message
     * the session numbers but the view no longer holds is expunged and left out, as a read of the
     * rows leaves it out.
     */
    static List<Target> fromView(SelectedMailbox session, ViewSnapshot view, BitSet seqs) {
        List<Target> out = new ArrayList<>(seqs.cardinality());
        long mailboxId = session.id();
        for (int seq = seqs.nextSetBit(1); seq >= 0; seq = seqs.nextSetBit(seq + 1)) {
            int i = view.indexOf(session.uidAt(seq));
            if (i >= 0) {
                out.add(new Target(seq, new MessageMeta(mailboxId, view.uid(i), view.modSeq(i), view.flags(i),
                        Instant.ofEpochMilli(view.internalDate(i)), view.size(i), view.blob(i), null, null)));
            }
        }
        return out;
    }

    private static List<Target> fromRows(CommandContext ctx, SelectedMailbox view, SequenceSet set, boolean uid,
                                         BitSet seqs) {
        List<MessageFilter> ranges = new ArrayList<>();
        for (int from = seqs.nextSetBit(1); from >= 0; ) {
            int to = seqs.nextClearBit(from) - 1;
            // UIDs between two neighbours of the view are expunged: the range may span them.
            ranges.add(new MessageFilter.UidRange(view.uidAt(from), view.uidAt(to)));
            if (ranges.size() > MAX_RANGES) {
                return Target.summaries(ctx, set, uid);
            }
            from = seqs.nextSetBit(to + 1);
        }
        if (ranges.isEmpty()) {
            return List.of();
        }
        MessageFilter filter = ranges.size() == 1 ? ranges.get(0) : new MessageFilter.Or(ranges);
        List<Target> out = new ArrayList<>(seqs.cardinality());
        for (MessageMeta m : ctx.store().summaries(view.id(), filter)) {
            int seq = view.seqOf(m.uid());
            if (seq > 0 && seqs.get(seq)) {
                out.add(new Target(seq, m));
            }
        }
        return out;
    }
}
