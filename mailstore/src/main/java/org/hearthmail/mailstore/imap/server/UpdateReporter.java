package org.hearthmail.mailstore.imap.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.hearthmail.mailstore.imap.proto.SequenceSet;
import org.hearthmail.mailstore.imap.view.MailboxView;
import org.hearthmail.mailstore.imap.view.ViewSnapshot;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.StoreEvent;

/**
 * Changes to the selected mailbox made by others (deliveries, other sessions), queued as they are
 * committed and reported as untagged EXISTS, EXPUNGE and FETCH FLAGS responses (RFC 3501 §7.3.1,
 * §7.4.1, §7.4.2) when the session may send them. Applying an event is idempotent, so one that
 * the session's own command already reported, or one older than the view, changes nothing.
 */
final class UpdateReporter {
    private final ImapSession session;
    private final ConcurrentLinkedQueue<StoreEvent> queue = new ConcurrentLinkedQueue<>();

    UpdateReporter(ImapSession session) {
        this.session = session;
    }

    void offer(StoreEvent e) {
        queue.add(e);
    }

    boolean pending() {
        return !queue.isEmpty();
    }

    void clear() {
        queue.clear();
    }

    /** Worker thread only, between or at the end of commands. */
    void report(boolean expungesAllowed) {
        SelectedMailbox view = session.selected();
        if (view == null) {
            queue.clear();
            return;
        }
        MailboxView shared = view.shared();
        long newest = 0;
        StoreEvent e;
        while ((e = queue.peek()) != null) {
            if (e.mailboxId() != view.id()) {
                queue.poll();
                continue;
            }
            if (shared != null) {
                shared.offer(e); // the shared view has at least what this client is told (idempotent)
            }
            if (e instanceof StoreEvent.MessagesExpunged x) {
                // RFC 3501 §7.4.1: not while answering FETCH, STORE or SEARCH; later events wait behind it.
                if (!expungesAllowed) {
                    break;
                }
                reportExpunged(x.uids());
            } else if (e instanceof StoreEvent.MessageAdded a) {
                newest = Math.max(newest, a.uid());
            } else if (e instanceof StoreEvent.FlagsChanged f) {
                int seq = view.seqOf(f.uid());
                if (seq > 0 && view.flagsChanged(f.uid(), f.modSeq())) {
                    // RFC 7162 §3.2.4: with CONDSTORE on, unsolicited FETCH carries MODSEQ.
                    session.untagged(seq + " FETCH (UID " + f.uid() + " FLAGS (" + String.join(" ", f.flags()) + ")"
                            + (session.enabled().contains("CONDSTORE") ? " MODSEQ (" + f.modSeq() + ")" : "") + ")");
                }
            }
            queue.poll();
        }
        if (newest > 0) {
            // Events of concurrent deliveries may arrive out of UID order; the store's own list is
            // in order and holds everything committed before the newest event, so new messages
            // get their sequence numbers in UID order (RFC 3501 §2.3.1.2).
            addNewer(view, shared, newest);
        }
        if (view.existsChangedSinceReport()) {
            session.untagged(view.exists() + " EXISTS");
            view.existsReported();
        }
    }

    /**
     * Takes expunged messages out of the session's numbering and tells the client: RFC 3501 §7.4.1
     * EXPUNGE per message, or with QRESYNC enabled one RFC 7162 §3.2.10 VANISHED of the UIDs.
     * Worker thread, the session's running command.
     */
    void reportExpunged(List<Long> uids) {
        SelectedMailbox view = session.selected();
        if (session.enabled().contains("QRESYNC")) {
            List<Long> gone = new ArrayList<>();
            for (long uid : uids) {
                if (view.expunged(uid) > 0) {
                    gone.add(uid);
                }
            }
            if (!gone.isEmpty()) {
                gone.sort(null);
                session.untagged("VANISHED " + SequenceSet.render(gone));
            }
            return;
        }
        for (long uid : uids) {
            int seq = view.expunged(uid);
            if (seq > 0) {
                session.untagged(seq + " EXPUNGE");
            }
        }
    }

    /** Numbers the messages above the view's largest UID, from the shared view (or the store's list). */
    private void addNewer(SelectedMailbox view, MailboxView shared, long newest) {
        long largest = view.largestUid();
        if (shared == null) {
            for (MessageMeta m : session.store().summaries(view.id())) {
                if (m.uid() > largest) {
                    view.added(m.uid(), m.modSeq());
                }
            }
            return;
        }
        ViewSnapshot now = shared.sync(newest);
        for (int i = now.lowerBound(largest + 1); i < now.count(); i++) {
            view.added(now.uid(i), now.modSeq(i));
        }
    }
}
