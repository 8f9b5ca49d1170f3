package org.hearthmail.mailstore.imap.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hearthmail.mailstore.imap.proto.SequenceSet;
import org.hearthmail.mailstore.store.Mailbox;
import org.hearthmail.mailstore.store.MessageMeta;

/**
 * The session's view of its selected mailbox: which UID has which message sequence number
 * (RFC 3501 §2.3.1.2). It changes only at command boundaries, when the session reports EXISTS and
 * EXPUNGE, so the numbers the client knows stay valid. Touched only by the command running for
 * the session (one at a time).
 */
public final class SelectedMailbox {
    private final Mailbox mailbox;
    private final boolean readOnly;
    private final List<Long> uids = new ArrayList<>();
    private final Map<Long, Long> modSeqs = new HashMap<>();
    private long reportedExists;
    private List<Long> savedResult = List.of();

    public SelectedMailbox(Mailbox mailbox, boolean readOnly, List<MessageMeta> messages) {
        this.mailbox = mailbox;
        this.readOnly = readOnly;
        for (MessageMeta m : messages) {
            uids.add(m.uid());
            modSeqs.put(m.uid(), m.modSeq());
        }
        reportedExists = uids.size();
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
        return uids.size();
    }

    public List<Long> uids() {
        return Collections.unmodifiableList(uids);
    }

    public long uidAt(int seq) {
        return uids.get(seq - 1);
    }

    public long largestUid() {
        return uids.isEmpty() ? 0 : uids.get(uids.size() - 1);
    }

    /** The sequence number of {@code uid}, or 0 if it is not in the view. */
    public int seqOf(long uid) {
        int i = Collections.binarySearch(uids, uid);
        return i < 0 ? 0 : i + 1;
    }

    /** A message delivered after the view was made; false if it is known already. */
    public boolean added(long uid, long modSeq) {
        if (uid <= largestUid()) {
            return false;
        }
        uids.add(uid);
        modSeqs.put(uid, modSeq);
        return true;
    }

    /** Removes {@code uid}; returns its former sequence number, or 0 if it was not in the view. */
    public int expunged(long uid) {
        int seq = seqOf(uid);
        if (seq > 0) {
            uids.remove(seq - 1);
            modSeqs.remove(uid);
            reportedExists--; // every expunge is reported at once, and the client counts down

        }
        return seq;
    }

    /** Records a flag change; false when the view has seen this change (or a later one) already. */
    public boolean flagsChanged(long uid, long modSeq) {
        Long known = modSeqs.get(uid);
        if (known == null || known >= modSeq) {
            return false;
        }
        modSeqs.put(uid, modSeq);
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
        return reportedExists != uids.size();
    }

    public void existsReported() {
        reportedExists = uids.size();
    }
}
