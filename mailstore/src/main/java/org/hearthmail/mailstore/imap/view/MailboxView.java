package org.hearthmail.mailstore.imap.view;

import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.hearthmail.mailstore.store.MessageStore;
import org.hearthmail.mailstore.store.StoreEvent;

/**
 * The in-memory state of one mailbox, shared by every session that has it selected. Committed
 * changes arrive as store events (published after their commit): {@link #offer} only queues them
 * (it runs on the committing thread); {@link #sync} applies the queue to a copy and publishes the
 * copy as the new {@link ViewSnapshot}. Readers use a snapshot without locking.
 *
 * <p>Why this stays exactly in step with the store: every event is applied idempotently (a flag
 * change only over an older MODSEQ, an expunge only to what is held, an addition only by reading
 * the rows above the largest UID held), and every read of the store happens after the events
 * that triggered it were queued, so after their commit: a change committed while a read runs is
 * either in the read or applied from the queue at the next sync. UIDs are handed out ascending by
 * the single writer, so "the rows above the largest UID held" is all that can be missing.
 */
public final class MailboxView {
    /** Past this many unapplied events the queue is dropped and the next sync reads everything. */
    static final int MAX_QUEUED = 20_000;

    /** Weak: views are kept in a registry keyed weakly by their store, which must not be held here. */
    private final WeakReference<MessageStore> store;
    private final long mailboxId;
    private final ConcurrentLinkedQueue<StoreEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private volatile boolean reload = true;
    private volatile ViewSnapshot current = ViewSnapshot.empty();
    private FlagSets.Interner flags = new FlagSets.Interner();

    MailboxView(MessageStore store, long mailboxId) {
        this.store = new WeakReference<>(store);
        this.mailboxId = mailboxId;
    }

    public long mailboxId() {
        return mailboxId;
    }

    /**
     * Queues a committed change of this mailbox. Cheap and safe on any thread, and idempotent, so a
     * session may hand over events it has seen too (then the view has applied at least what the
     * session reported to its client once it syncs).
     */
    public void offer(StoreEvent e) {
        if (e.mailboxId() != mailboxId) {
            return;
        }
        queue.add(e);
        if (queued.incrementAndGet() > MAX_QUEUED) {
            reload = true; // nobody synced for long: reading everything again is cheaper than replaying
        }
    }

    /** Applies every change queued so far and returns the state that results. Blocks on a read when
     * messages were added (rows above the largest UID) or on the first use (every row). */
    public ViewSnapshot sync() {
        return sync(0);
    }

    /**
     * As {@link #sync()}, and the result holds every message up to {@code uid} that is still in the
     * store (a caller that saw a MessageAdded event for it before this view did).
     */
    public ViewSnapshot sync(long uid) {
        ViewSnapshot now = current;
        if (!reload && queue.isEmpty() && now.largestUid() >= uid) {
            return now;
        }
        synchronized (this) {
            try {
                return apply(uid);
            } catch (RuntimeException ex) {
                reload = true; // events drained into a lost copy: the next sync starts afresh
                throw ex;
            }
        }
    }

    /**
     * The current snapshot when nothing waits to be applied to it, so that no lock is taken and
     * nothing is read; else null (then {@link #sync} is the way). For callers that must not wait:
     * an answer on the event loop.
     */
    public ViewSnapshot currentIfSynced() {
        ViewSnapshot now = current;
        return !reload && queue.isEmpty() ? now : null;
    }

    /**
     * Reads the whole mailbox again and returns the result: for a caller that knows of a committed
     * change (a HIGHESTMODSEQ above the view's) whose event has not arrived yet.
     */
    public ViewSnapshot reread() {
        synchronized (this) {
            reload = true;
            try {
                return apply(0);
            } catch (RuntimeException ex) {
                reload = true;
                throw ex;
            }
        }
    }

    /** Lock held. */
    private ViewSnapshot apply(long uid) {
        if (reload) {
            reload = false;
            drop();
            ViewBuilder all = new ViewBuilder(ViewSnapshot.empty(), new FlagSets.Interner());
            // Every change up to the mailbox's HIGHESTMODSEQ of this read is in it (expunges too).
            all.seenModSeq(store().rows(mailboxId, 0, all::append));
            return publish(all);
        }
        ViewBuilder b = null;
        boolean read = current.largestUid() < uid;
        StoreEvent e;
        while ((e = queue.poll()) != null) {
            queued.decrementAndGet();
            if (b == null) {
                b = new ViewBuilder(current, flags);
            }
            if (e instanceof StoreEvent.MessageAdded a) {
                read |= a.uid() > b.largestUid();
            } else if (e instanceof StoreEvent.FlagsChanged f) {
                b.flagsChanged(f.uid(), f.modSeq(), f.flags());
            } else if (e instanceof StoreEvent.MessagesExpunged x) {
                b.expunged(x.uids(), x.modSeq());
            }
        }
        if (read) {
            // After the events that asked for it: the rows of their commits are in this read.
            // Events queued while it runs are applied (idempotently) at the next sync.
            ViewBuilder[] into = {b}; // copied only when there is something to add
            store().rows(mailboxId, b == null ? current.largestUid() : b.largestUid(), (u, m, f, date, size, blob) -> {
                if (into[0] == null) {
                    into[0] = new ViewBuilder(current, flags);
                }
                into[0].append(u, m, f, date, size, blob);
            });
            b = into[0];
        }
        return b == null ? current : publish(b);
    }

    /** The state as of the last sync, without applying anything. */
    public ViewSnapshot peek() {
        return current;
    }

    private MessageStore store() {
        MessageStore s = store.get();
        if (s == null) {
            throw new IllegalStateException("the store of mailbox " + mailboxId + " is gone");
        }
        return s;
    }

    private void drop() {
        while (queue.poll() != null) {
            queued.decrementAndGet();
        }
    }

    private ViewSnapshot publish(ViewBuilder b) {
        ViewSnapshot next = b.build();
        flags = b.interner();
        current = next;
        return next;
    }
}
