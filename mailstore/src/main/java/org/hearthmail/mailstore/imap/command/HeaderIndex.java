package org.hearthmail.mailstore.imap.command;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hearthmail.mailstore.imap.mime.HeaderBlock;
import org.hearthmail.mailstore.store.BlobId;
import org.hearthmail.mailstore.store.MailStore;
import org.hearthmail.mailstore.store.MessageFilter;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.MessageStore;
import org.hearthmail.mailstore.store.StoreEvent;

/**
 * The decoded header fields SEARCH asks for most (From, To, Cc, Bcc, Subject, and the day of the
 * Date field), and what SORT and THREAD compare ({@link SortFields}), of each message, in memory, so that a header search reads no message file once a
 * message is known (Dovecot keeps the same in {@code dovecot.index.cache}). Filled at APPEND, by the
 * server's parse cacher for the messages it parses, or on first search (an intake delivery, parsed
 * with its commit, ADR 0005); in memory only, because the cached values
 * are plaintext of the message and everything on disk passes the Sealer.
 *
 * <p>Invariants: an entry holds exactly what {@link MessageCandidate} computes from the message
 * (so searches answer the same with or without it); messages never change, so an entry never goes
 * stale; entries are keyed by mailbox, UID and body id, and removed on expunge and mailbox delete.
 * Bounded by the heap it takes: each entry's size is estimated when it is made (its decoded
 * values, its {@link SortFields} and the map entry holding it, {@link Entry#estimatedBytes}); when
 * the sum would pass the budget (an eighth of the heap) other mailboxes' entries are dropped first,
 * and a mailbox that fills the budget alone keeps the entries it has (its other messages are read
 * from their files when a search needs them).
 *
 * <p>One index per store, shared by the listeners on it (the STARTTLS and the implicit-TLS IMAP
 * server), found through {@link #of}; a store that is no longer used lets its index go.
 */
public final class HeaderIndex {
    /** Lower-case names of the header fields kept. */
    static final Set<String> FIELDS = Set.of("from", "to", "cc", "bcc", "subject");
    /** What the entries may take together, as estimated: an eighth of the heap (32 MiB at 256 MiB). */
    static final long MAX_BYTES = Runtime.getRuntime().maxMemory() / 8;
    /**
     * A map entry of the index beyond the entry itself: its node, boxed UID and table slot, and its
     * place in the mailbox's {@link SortRanks} (four text keys, a UID and a rank each).
     */
    static final long SLOT_BYTES = 32 + 16 + 8 + 4 * 16;
    private static final Map<MailStore, HeaderIndex> BY_STORE = new WeakHashMap<>();

    /**
     * One message's decoded fields; {@code sentDate} null when Date is missing or unparsable;
     * {@code sort} what SORT and THREAD compare.
     */
    record Entry(BlobId blob, Map<String, List<String>> values, LocalDate sentDate, SortFields sort) {
        List<String> values(String lowerCaseName) {
            return values.get(lowerCaseName);
        }

        /**
         * Octets this entry keeps alive on the heap, over-estimated where a layout is not known
         * exactly ({@link HeapSize}): itself, its body id, decoded values, date and sort fields.
         */
        long estimatedBytes() {
            return 32 + 16 + HeapSize.string(blob.hex()) + HeapSize.fields(values) + (sentDate == null ? 0 : 24)
                    + sort.estimatedBytes();
        }
    }

    private final Map<Long, Map<Long, Entry>> byMailbox = new ConcurrentHashMap<>();
    private final Map<Long, SortRanks> ranks = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    /** Estimated octets of the entries held (with their map slots). */
    private final AtomicLong bytes = new AtomicLong();
    private final long maxBytes;

    /** An index that keeps at most {@code maxBytes} of entries, as estimated. */
    HeaderIndex(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The index of {@code store}, created (and subscribed to its changes) on first use. */
    public static HeaderIndex of(MailStore store) {
        synchronized (BY_STORE) {
            return BY_STORE.computeIfAbsent(store, s -> {
                HeaderIndex index = new HeaderIndex(MAX_BYTES);
                s.subscribe(index::onEvent);
                return index;
            });
        }
    }

    /** Computes an entry from a whole message, as {@link MessageCandidate} would. */
    static Entry entryOf(BlobId blob, byte[] raw) {
        HeaderBlock h = HeaderBlock.parse(raw, 0, raw.length);
        Map<String, List<String>> values = new java.util.HashMap<>();
        for (String f : FIELDS) {
            values.put(f, MessageCandidate.values(h, f));
        }
        return new Entry(blob, Map.copyOf(values), MessageCandidate.sentDate(h), SortFields.of(h));
    }

    /** Keeps the entry of a message whose bytes the caller has read anyway (on arrival). */
    public void add(MessageMeta m, byte[] raw) {
        put(m, entryOf(m.blob(), raw));
    }

    /** The entry of {@code m}, read from its body the first time. */
    Entry get(MessageStore store, MessageMeta m) throws IOException {
        Map<Long, Entry> box = byMailbox.get(m.mailboxId());
        Entry e = box == null ? null : box.get(m.uid());
        if (e != null && e.blob().equals(m.blob())) {
            return e;
        }
        byte[] raw;
        try (InputStream in = store.openBody(m)) {
            raw = MessageContent.readAll(in, m.size());
        }
        e = entryOf(m.blob(), raw);
        put(m, e);
        return e;
    }

    /** The entries of a mailbox by UID as they are now (read-only; empty when none). */
    Map<Long, Entry> mailbox(long mailboxId) {
        Map<Long, Entry> box = byMailbox.get(mailboxId);
        return box == null ? Map.of() : java.util.Collections.unmodifiableMap(box);
    }

    /**
     * The entry of message {@code uid} of a mailbox, its body found through the store and read the
     * first time; null when the message is no longer in the store.
     */
    Entry get(MessageStore store, long mailboxId, long uid) throws IOException {
        Map<Long, Entry> box = byMailbox.get(mailboxId);
        Entry e = box == null ? null : box.get(uid); // (mailbox, UID) names one message forever
        if (e != null) {
            return e;
        }
        List<MessageMeta> row = store.summaries(mailboxId, new MessageFilter.UidRange(uid, uid));
        return row.isEmpty() ? null : get(store, row.get(0));
    }

    int size() {
        return size.get();
    }

    /** The text sort keys' ranks kept for a mailbox (made on first use, dropped with the mailbox). */
    SortRanks ranks(long mailboxId) {
        return ranks.computeIfAbsent(mailboxId, k -> new SortRanks());
    }

    /** Estimated octets of the entries held now; at most the budget given at construction. */
    long estimatedBytes() {
        return bytes.get();
    }

    private void put(MessageMeta m, Entry e) {
        long cost = cost(e);
        if (cost > maxBytes) {
            return; // one entry past the whole budget (a giant header) is served from the message each time
        }
        synchronized (bytes) {
            if (bytes.get() + cost > maxBytes && !byMailbox.getOrDefault(m.mailboxId(), Map.of()).containsKey(m.uid())) {
                // Other mailboxes' entries go first (a search here is not helped by them); a mailbox
                // that fills the budget alone keeps what it holds, and its other messages are read
                // from their files when asked (emptying it would make every search of a large mailbox
                // read and parse every message again).
                dropOtherMailboxes(m.mailboxId(), cost);
                if (bytes.get() + cost > maxBytes) {
                    return;
                }
            }
            Entry old = byMailbox.computeIfAbsent(m.mailboxId(), k -> new ConcurrentHashMap<>()).put(m.uid(), e);
            if (old == null) {
                size.incrementAndGet();
                bytes.addAndGet(cost);
            } else {
                bytes.addAndGet(cost - cost(old));
            }
        }
    }

    /** Drops whole mailboxes other than {@code keep} until {@code room} more octets fit. Holds the lock. */
    private void dropOtherMailboxes(long keep, long room) {
        for (Long id : List.copyOf(byMailbox.keySet())) {
            if (bytes.get() + room <= maxBytes) {
                return;
            }
            if (id != keep) {
                dropMailbox(id);
            }
        }
    }

    /** Forgets a mailbox's entries and sort ranks. Holds the lock. */
    private void dropMailbox(long mailboxId) {
        ranks.remove(mailboxId);
        Map<Long, Entry> box = byMailbox.remove(mailboxId);
        if (box != null) {
            size.addAndGet(-box.size());
            box.values().forEach(gone -> bytes.addAndGet(-cost(gone)));
        }
    }

    private static long cost(Entry e) {
        return e.estimatedBytes() + SLOT_BYTES;
    }

    private void onEvent(StoreEvent e) {
        synchronized (bytes) {
            if (e instanceof StoreEvent.MessagesExpunged x) {
                Map<Long, Entry> box = byMailbox.get(x.mailboxId());
                if (box != null) {
                    x.uids().forEach(uid -> {
                        Entry gone = box.remove(uid);
                        if (gone != null) {
                            size.decrementAndGet();
                            bytes.addAndGet(-cost(gone));
                        }
                    });
                }
            } else if (e instanceof StoreEvent.MailboxDeleted d) {
                dropMailbox(d.mailboxId());
            }
        }
    }

    /** Lower-case form of a field name, or null when the index does not keep that field. */
    static String indexed(String fieldName) {
        String n = fieldName.toLowerCase(Locale.ROOT);
        return FIELDS.contains(n) ? n : null;
    }
}
