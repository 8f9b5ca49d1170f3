package org.hearthmail.mailstore.imap.command;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.hearthmail.mailstore.store.BlobId;
import org.hearthmail.mailstore.store.MailStore;
import org.hearthmail.mailstore.store.MessageMeta;

/**
 * Which body file holds each message, and its size, kept in memory so that a FETCH of whole bodies
 * ({@code UID FETCH n BODY.PEEK[]}, the way clients download a message) opens the file without a
 * database read first. Filled from the rows FETCH reads anyway (a client's {@code FETCH 1:* (FLAGS
 * ENVELOPE ...)} before it downloads bodies), never read from disk for itself.
 *
 * <p>Invariants: an entry never goes stale. It is keyed by mailbox id, UIDVALIDITY and UID, and a
 * message's body and size never change while its UID lives (RFC 3501 §2.3.1.1: a UID is never
 * reused within one UIDVALIDITY; the store's UIDVALIDITY counter only grows, so a mailbox
 * re-created under a reused id has another one). An entry of an expunged message stays until
 * the cache is emptied; a FETCH that finds its file gone checks the store and leaves the message
 * out, as a FETCH reading the rows would. Holds no message content (blob ids and sizes only).
 * Bounded: past {@link #MAX_ENTRIES} the cache is emptied and refills as FETCH reads rows.
 *
 * <p>One cache per store, found through {@link #of}, like {@link RenderedCache}.
 */
final class BodyLocations {
    /** About 200 bytes each: at most a 64th of the heap (4 MiB, 20 000 messages, at 256 MiB). */
    static final long MAX_ENTRIES = Math.max(1024, Runtime.getRuntime().maxMemory() / 64 / 200);
    private static final Map<MailStore, BodyLocations> BY_STORE = new WeakHashMap<>();

    /** Where a message's body is. */
    record Location(BlobId blob, long size) {
    }

    private record Key(long mailboxId, long uidValidity, long uid) {
    }

    private final Map<Key, Location> byMessage = new ConcurrentHashMap<>();
    private final long maxEntries;

    BodyLocations(long maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The cache of {@code store}, created on first use. */
    static BodyLocations of(MailStore store) {
        synchronized (BY_STORE) {
            return BY_STORE.computeIfAbsent(store, s -> new BodyLocations(MAX_ENTRIES));
        }
    }

    /** The body of message {@code uid}, or null when not at hand. */
    Location get(long mailboxId, long uidValidity, long uid) {
        return byMessage.get(new Key(mailboxId, uidValidity, uid));
    }

    /** Remembers where the bodies of {@code targets} (read from mailbox {@code uidValidity}) are. */
    void remember(long uidValidity, Iterable<Target> targets) {
        for (Target t : targets) {
            MessageMeta m = t.meta();
            if (byMessage.size() >= maxEntries) {
                byMessage.clear();
            }
            byMessage.put(new Key(m.mailboxId(), uidValidity, m.uid()), new Location(m.blob(), m.size()));
        }
    }

    /** Entries held (for tests). */
    int size() {
        return byMessage.size();
    }
}
