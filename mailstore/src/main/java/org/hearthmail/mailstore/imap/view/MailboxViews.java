package org.hearthmail.mailstore.imap.view;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.hearthmail.mailstore.store.MailStore;
import org.hearthmail.mailstore.store.StoreEvent;

/**
 * The open mailboxes' views of one store: one {@link MailboxView} per mailbox, shared by the
 * sessions that select it, counted by {@link Lease}s. A view nobody holds stays (and keeps
 * following events) for {@link #DEFAULT_IDLE}, so a client that reconnects finds it warm; it is
 * dropped at the first acquire or release after that, and at once when its mailbox is deleted.
 */
public final class MailboxViews {
    public static final Duration DEFAULT_IDLE = Duration.ofSeconds(60);
    private static final Map<MailStore, MailboxViews> BY_STORE = new WeakHashMap<>();

    private final WeakReference<MailStore> store; // weak: this is the value of a map keyed weakly by it
    private final long idleNanos;
    private final LongSupplier nanoTime;
    private final Map<Long, MailboxView> views = new ConcurrentHashMap<>();
    private final Map<Long, Entry> entries = new HashMap<>(); // guarded by this

    private static final class Entry {
        int holders;
        long idleSince;
    }

    MailboxViews(MailStore store, Duration idle, LongSupplier nanoTime) {
        this.store = new WeakReference<>(store);
        this.idleNanos = idle.toNanos();
        this.nanoTime = nanoTime;
        store.subscribe(this::onEvent);
    }

    /** The views of {@code store}, created (and subscribed to its changes) on first use. */
    public static MailboxViews of(MailStore store) {
        synchronized (BY_STORE) {
            return BY_STORE.computeIfAbsent(store, s -> new MailboxViews(s, DEFAULT_IDLE, System::nanoTime));
        }
    }

    /** Holds the view of {@code mailboxId} until the lease is closed; the view may not be loaded yet. */
    public synchronized Lease acquire(long mailboxId) {
        sweep();
        MailStore s = store.get();
        if (s == null) {
            throw new IllegalStateException("the store is gone");
        }
        MailboxView v = views.computeIfAbsent(mailboxId, id -> new MailboxView(s, id));
        entries.computeIfAbsent(mailboxId, id -> new Entry()).holders++;
        return new Lease(v);
    }

    /** How many views are kept (held or idle). */
    public int size() {
        return views.size();
    }

    /** How many leases on the view of {@code mailboxId} are open (sessions that have it selected). */
    public synchronized int holders(long mailboxId) {
        Entry e = entries.get(mailboxId);
        return e == null ? 0 : e.holders;
    }

    private synchronized void release(long mailboxId) {
        Entry e = entries.get(mailboxId);
        if (e != null && --e.holders == 0) {
            e.idleSince = nanoTime.getAsLong();
        }
        sweep();
    }

    /** Drops views nobody has held for the idle period. Lock held. */
    private void sweep() {
        long now = nanoTime.getAsLong();
        for (Iterator<Map.Entry<Long, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Entry> e = it.next();
            if (e.getValue().holders == 0 && now - e.getValue().idleSince >= idleNanos) {
                views.remove(e.getKey());
                it.remove();
            }
        }
    }

    private void onEvent(StoreEvent e) {
        MailboxView v = views.get(e.mailboxId());
        if (v == null) {
            return;
        }
        if (e instanceof StoreEvent.MailboxDeleted) {
            // Its sessions end (they get BYE); a view nobody will select again is not kept.
            synchronized (this) {
                views.remove(e.mailboxId());
            }
            return;
        }
        v.offer(e);
    }

    /** A session's hold on a view; closing it more than once releases once. */
    public final class Lease implements AutoCloseable {
        private final MailboxView view;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(MailboxView view) {
            this.view = view;
        }

        public MailboxView view() {
            return view;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(view.mailboxId());
            }
        }
    }
}
