package org.hearthmail.mailstore.imap.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.hearthmail.mailstore.imap.mime.ParsedMessage;
import org.hearthmail.mailstore.store.BlobId;
import org.hearthmail.mailstore.store.MailStore;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.MessageStore;

/**
 * ENVELOPE, BODYSTRUCTURE and BODY of messages as the octets FETCH sends (RFC 3501 §7.4.2), kept
 * in memory so that {@code FETCH 1:* (FLAGS ENVELOPE BODYSTRUCTURE)} copies ready bytes: no read
 * of the store's cache columns, no unsealing, no text-to-bytes encoding per message (Dovecot
 * serves the same from {@code dovecot.index.cache}). Filled when a message is parsed (APPEND, the
 * parse cacher) and on a FETCH that misses.
 *
 * <p>Invariants: keyed by the body's {@link BlobId}, and a body never changes once stored, so an
 * entry never goes stale (copies of a message share their body and their entry); an entry is
 * exactly what {@link ParsedMessage} renders. In memory only (the plaintext of a message's header;
 * everything on disk passes the Sealer). Bounded: past {@link #MAX_BYTES} of entries the cache is
 * emptied and refills on demand; entries of expunged messages go then.
 *
 * <p>One cache per store, found through {@link #of}, like {@link HeaderIndex}.
 */
public final class RenderedCache {
    /** At most a sixteenth of the heap (16 MiB at 256 MiB: about 15 000 messages). */
    static final long MAX_BYTES = Runtime.getRuntime().maxMemory() / 16;
    /** Up to this many missing messages are read one by one, more with one query for the mailbox. */
    private static final int SINGLE_READS = 32;
    private static final Map<MailStore, RenderedCache> BY_STORE = new WeakHashMap<>();

    /** The three rendered forms of one message, US-ASCII or UTF-8 octets as they go on the wire. */
    public record Rendered(byte[] envelope, byte[] bodyStructure, byte[] body) {
        static Rendered of(ParsedMessage p) {
            return new Rendered(bytes(p.envelope()), bytes(p.bodyStructure()), bytes(p.body()));
        }

        int weight() {
            return envelope.length + bodyStructure.length + body.length + 64;
        }

        private static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
    }

    private final Map<BlobId, Rendered> byBlob = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    private RenderedCache() {
    }

    /** The cache of {@code store}, created on first use. */
    public static RenderedCache of(MailStore store) {
        synchronized (BY_STORE) {
            return BY_STORE.computeIfAbsent(store, s -> new RenderedCache());
        }
    }

    /** The rendered forms of the message stored as {@code blob}, or null when not at hand. */
    Rendered get(BlobId blob) {
        return byBlob.get(blob);
    }

    /** Keeps the rendered forms of a parsed message; returns them. */
    public Rendered put(BlobId blob, ParsedMessage parsed) {
        Rendered r = Rendered.of(parsed);
        if (bytes.get() + r.weight() > MAX_BYTES) {
            clear();
        }
        if (byBlob.put(blob, r) == null) {
            bytes.addAndGet(r.weight());
        }
        return r;
    }

    /**
     * Makes sure every target's message is here: the messages missing are read with their parse
     * caches in one query when there are many (one by one when few), and rendered (parsed first
     * when the store has no parse of one yet).
     */
    void fillMissing(MessageStore store, long mailboxId, List<Target> targets) throws IOException {
        List<MessageMeta> missing = new ArrayList<>();
        for (Target t : targets) {
            if (!byBlob.containsKey(t.meta().blob())) {
                missing.add(t.meta());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Map<Long, MessageMeta> full = new HashMap<>();
        if (missing.size() <= SINGLE_READS) {
            for (MessageMeta m : missing) {
                store.message(mailboxId, m.uid()).ifPresent(x -> full.put(x.uid(), x));
            }
        } else {
            for (MessageMeta m : store.messages(mailboxId)) {
                full.put(m.uid(), m);
            }
        }
        for (MessageMeta m : missing) {
            MessageMeta withCaches = full.get(m.uid());
            if (withCaches != null && withCaches.blob().equals(m.blob())) {
                new MessageContent(store, withCaches).rendered(this);
            }
        }
    }

    /** Drops every entry; they are rendered again as FETCH asks for them. */
    public void clear() {
        byBlob.clear();
        bytes.set(0);
    }

    /** Entries held (for tests). */
    int size() {
        return byBlob.size();
    }
}
