package org.hearthmail.mailstore.imap.server;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import org.hearthmail.mailstore.imap.proto.SequenceSet;
import org.hearthmail.mailstore.imap.view.MailboxView;
import org.hearthmail.mailstore.imap.view.MailboxViews;
import org.hearthmail.mailstore.imap.view.ViewSnapshot;
import org.hearthmail.mailstore.store.Mailbox;
import org.hearthmail.mailstore.store.MessageMeta;

/**
 * The session's view of its selected mailbox: which UID has which message sequence number
 * (RFC 3501 §2.3.1.2). It changes only at command boundaries, when the session reports EXISTS and
 * EXPUNGE, so the numbers the client knows stay valid. Touched only by the command running for
 * the session (one at a time). Normally made from the mailbox's shared {@link MailboxView}, which
 * it holds (a lease) until closed; the view runs ahead, this map follows at command boundaries.
 */
public final class SelectedMailbox implements AutoCloseable {
    private final Mailbox mailbox;
    private final boolean readOnly;
    private final MailboxViews.Lease lease;
    private long[] uids;
    private long[] modSeqs;
    private int count;
    private long reportedExists;
    private List<Long> savedResult = List.of();
    /** Bumped whenever the numbering changes, so a cached {@link #numbering} is made again. */
    private int version;
    private ViewSnapshot numberedFor;
    private int numberedVersion;
    private ViewSnapshot.Numbering numbering;

    /** A view of {@code messages} (ascending by UID) with no shared mailbox view behind it. */
    public SelectedMailbox(Mailbox mailbox, boolean readOnly, List<MessageMeta> messages) {
        this.mailbox = mailbox;
        this.readOnly = readOnly;
        this.lease = null;
        this.uids = new long[Math.max(16, messages.size())];
        this.modSeqs = new long[uids.length];
        for (MessageMeta m : messages) {
            uids[count] = m.uid();
            modSeqs[count++] = m.modSeq();
        }
        reportedExists = count;
    }

    /**
     * The messages of {@code snapshot}, numbered 1.. in UID order; holds {@code lease} (the shared
     * view) until {@link #close}.
     */
    public SelectedMailbox(Mailbox mailbox, boolean readOnly, MailboxViews.Lease lease, ViewSnapshot snapshot) {
        this.mailbox = mailbox;
        this.readOnly = readOnly;
        this.lease = lease;
        this.count = snapshot.count();
        this.uids = new long[Math.max(16, count + count / 8)];
        this.modSeqs = new long[uids.length];
        snapshot.copyTo(uids, modSeqs);
        reportedExists = count;
    }

    /** The mailbox's shared view, or null when this one was made from a list of messages. */
    public MailboxView shared() {
        return lease == null ? null : lease.view();
    }

    /** Lets go of the shared view (once; later calls do nothing). */
    @Override
    public void close() {
        if (lease != null) {
            lease.close();
        }
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    public long id() {
        return mailbox.id();
    }

    public boolean readOnly() {
        return readOnly;
    }

    public int exists() {
        return count;
    }

    /** The UIDs in sequence order (a read-only view; it changes as the session's view does). */
    public List<Long> uids() {
        return new UidList();
    }

    public long uidAt(int seq) {
        if (seq < 1 || seq > count) {
            throw new IndexOutOfBoundsException("no message " + seq + " of " + count);
        }
        return uids[seq - 1];
    }

    public long largestUid() {
        return count == 0 ? 0 : uids[count - 1];
    }

    /** The sequence number of {@code uid}, or 0 if it is not in the view. */
    public int seqOf(long uid) {
        int i = Arrays.binarySearch(uids, 0, count, uid);
        return i < 0 ? 0 : i + 1;
    }

    /** A message delivered after the view was made; false if it is known already. */
    public boolean added(long uid, long modSeq) {
        if (uid <= largestUid()) {
            return false;
        }
        if (count == uids.length) {
            uids = Arrays.copyOf(uids, count * 2);
            modSeqs = Arrays.copyOf(modSeqs, count * 2);
        }
        uids[count] = uid;
        modSeqs[count++] = modSeq;
        version++;
        return true;
    }

    /** Removes {@code uid}; returns its former sequence number, or 0 if it was not in the view. */
    public int expunged(long uid) {
        int seq = seqOf(uid);
        if (seq > 0) {
            System.arraycopy(uids, seq, uids, seq - 1, count - seq);
            System.arraycopy(modSeqs, seq, modSeqs, seq - 1, count - seq);
            count--;
            version++;
            reportedExists--; // every expunge is reported at once, and the client counts down
        }
        return seq;
    }

    /**
     * Where this session's messages are in {@code snapshot} (of the shared view); kept until the
     * snapshot or this numbering changes, so repeated searches do not walk the mailbox again.
     */
    public ViewSnapshot.Numbering numbering(ViewSnapshot snapshot) {
        if (snapshot != numberedFor || version != numberedVersion) {
            numbering = snapshot.number(uids, count);
            numberedFor = snapshot;
            numberedVersion = version;
        }
        return numbering;
    }

    /** Records a flag change; false when the view has seen this change (or a later one) already. */
    public boolean flagsChanged(long uid, long modSeq) {
        int seq = seqOf(uid);
        if (seq == 0 || modSeqs[seq - 1] >= modSeq) {
            return false;
        }
        modSeqs[seq - 1] = modSeq;
        return true;
    }

    /**
     * RFC 5182 §2.1: the UIDs the last SEARCH RETURN (SAVE) found, for {@code $}. Empty after
     * SELECT (a new view); expunged messages drop out because {@code $} is resolved against the view.
     */
    public void saveResult(List<Long> uids) {
        savedResult = List.copyOf(uids);
    }

    /** The saved result as a set of UIDs; one that matches nothing when it is empty. */
    public SequenceSet savedResult() {
        List<SequenceSet.Range> ranges = new ArrayList<>();
        for (long uid : savedResult) {
            ranges.add(new SequenceSet.Range(uid, uid));
        }
        return new SequenceSet(ranges);
    }

    /** EXISTS last told to the client; reported again only when it changed. */
    public boolean existsChangedSinceReport() {
        return reportedExists != count;
    }

    public void existsReported() {
        reportedExists = count;
    }

    private final class UidList extends AbstractList<Long> implements RandomAccess {
        @Override public Long get(int index) { return uidAt(index + 1); }
        @Override public int size() { return count; }
    }
}
