package org.hearthmail.mailstore.imap.server;

import java.util.concurrent.ConcurrentLinkedQueue;
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
        boolean added = false;
        StoreEvent e;
        while ((e = queue.peek()) != null) {
            if (e.mailboxId() != view.id()) {
                queue.poll();
                continue;
            }
            if (e instanceof StoreEvent.MessagesExpunged x) {
                // RFC 3501 §7.4.1: not while answering FETCH, STORE or SEARCH; later events wait behind it.
                if (!expungesAllowed) {
                    break;
                }
                session.reportExpunged(x.uids());
            } else if (e instanceof StoreEvent.MessageAdded) {
                added = true;
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
        if (added) {
            // Events of concurrent deliveries may arrive out of UID order; the store's own list is
            // in order and holds everything committed before the newest event, so new messages
            // get their sequence numbers in UID order (RFC 3501 §2.3.1.2).
            long largest = view.largestUid();
            for (MessageMeta m : session.store().summaries(view.id())) {
                if (m.uid() > largest) {
                    view.added(m.uid(), m.modSeq());
                }
            }
        }
        if (view.existsChangedSinceReport()) {
            session.untagged(view.exists() + " EXISTS");
            view.existsReported();
        }
    }
}
