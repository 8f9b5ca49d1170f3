package org.hearthmail.mailstore.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.hearthmail.mailstore.imap.proto.SequenceSet;
import org.hearthmail.mailstore.imap.server.SelectedMailbox;
import org.hearthmail.mailstore.imap.view.MailboxView;
import org.hearthmail.mailstore.store.MessageStore;

/**
 * Finds the messages of the selected mailbox a SEARCH key matches (RFC 3501 §6.4.4). Paths with
 * the same answers: keys on flags, sizes, dates, numbers, mod-sequences and the indexed header
 * fields run over the shared mailbox view ({@link ViewSearch}, no SQL) and the {@link HeaderIndex}
 * (no message file is read once a message is indexed); keys on body or text, or on other header
 * fields, and sessions without a shared view, run over the full rows and read each message
 * ({@link #reference}).
 */
final class SearchEvaluator {
    private SearchEvaluator() {
    }

    /**
     * A message found: its sequence number in the session, UID, MODSEQ, and the RFC822.SIZE and
     * INTERNALDATE (milliseconds) that SORT compares.
     */
    record Hit(int seq, long uid, long modSeq, long size, long internalDate) {
        static Hit of(Target t) {
            return new Hit(t.seq(), t.meta().uid(), t.meta().modSeq(), t.meta().size(),
                    t.meta().internalDate().toEpochMilli());
        }
    }

    /**
     * What SEARCH answers: the UIDs found, ascending; their sequence numbers in the session (null
     * unless asked for); the highest MODSEQ among them (0 unless asked for, or none found).
     */
    record Found(long[] uids, long[] seqs, long highestModSeq) {
        static Found of(List<Target> found, boolean withSeqs) {
            long[] uids = new long[found.size()];
            long[] seqs = withSeqs ? new long[found.size()] : null;
            long highest = 0;
            for (int i = 0; i < uids.length; i++) {
                Target t = found.get(i);
                uids[i] = t.meta().uid();
                if (seqs != null) {
                    seqs[i] = t.seq();
                }
                highest = Math.max(highest, t.meta().modSeq());
            }
            return new Found(uids, seqs, highest);
        }
    }

    /** As {@link #matches}, as numbers: what SEARCH needs, made without an object per message. */
    static Found find(MessageStore store, HeaderIndex index, SelectedMailbox view, SearchKey key,
                      boolean withSeqs, boolean withModSeq) throws IOException {
        MailboxView shared = view.shared();
        if (readsMessages(key) || shared == null) {
            // Keys on text, or a session without the shared view (only tests make one).
            Found f = Found.of(reference(store, view, key), withSeqs);
            return withModSeq ? f : new Found(f.uids(), f.seqs(), 0);
        }
        return ViewSearch.find(store, index, view, shared.sync(), key, withSeqs, withModSeq);
    }

    static List<Hit> matches(MessageStore store, HeaderIndex index, SelectedMailbox view, SearchKey key)
            throws IOException {
        if (readsMessages(key)) {
            return reference(store, view, key).stream().map(Hit::of).toList();
        }
        MailboxView shared = view.shared();
        if (shared == null) {
            // A session without the shared view (only tests make one): the reference path.
            return reference(store, view, key).stream().map(Hit::of).toList();
        }
        return ViewSearch.run(store, index, view, shared.sync(), key);
    }

    /** Every message, full rows, each key evaluated on the message itself. */
    static List<Target> reference(MessageStore store, SelectedMailbox view, SearchKey key) throws IOException {
        List<Target> hits = new ArrayList<>();
        for (Target t : Target.resolve(store, view, SequenceSet.of(1, SequenceSet.STAR), false, true)) {
            if (key.matches(new MessageCandidate(t.seq(), view.exists(), view.largestUid(),
                    new MessageContent(store, t.meta())))) {
                hits.add(t);
            }
        }
        return hits;
    }

    /** True when a key needs message text the index does not keep (BODY, TEXT, other header fields). */
    static boolean readsMessages(SearchKey k) {
        if (k instanceof SearchKey.Text) {
            return true;
        }
        if (k instanceof SearchKey.Header h) {
            return HeaderIndex.indexed(h.field()) == null;
        }
        if (k instanceof SearchKey.Not n) {
            return readsMessages(n.key());
        }
        if (k instanceof SearchKey.Or o) {
            return readsMessages(o.a()) || readsMessages(o.b());
        }
        return k instanceof SearchKey.And a && a.keys().stream().anyMatch(SearchEvaluator::readsMessages);
    }
}
