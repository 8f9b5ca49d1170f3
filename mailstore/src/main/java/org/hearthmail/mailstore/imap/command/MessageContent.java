package org.hearthmail.mailstore.imap.command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.hearthmail.mailstore.imap.mime.MimeParser;
import org.hearthmail.mailstore.imap.mime.MimePart;
import org.hearthmail.mailstore.imap.mime.ParsedMessage;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.MessageStore;
import org.hearthmail.mailstore.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lazy access to one message's bytes and parse results: the bytes are read at most once, the
 * parse comes from the store's cache and is computed (and cached) only when missing.
 */
public final class MessageContent {
    private static final Logger LOG = LoggerFactory.getLogger(MessageContent.class);

    private final MessageStore store;
    private final MessageMeta meta;
    private final boolean bodyOnly;
    private byte[] raw;
    private ParsedMessage parsed;
    private MimePart root;

    public MessageContent(MessageStore store, MessageMeta meta) {
        this(store, meta, false);
    }

    private MessageContent(MessageStore store, MessageMeta meta, boolean bodyOnly) {
        this.store = store;
        this.meta = meta;
        this.bodyOnly = bodyOnly;
    }

    /**
     * A message known by its body alone ({@link FetchTargets#bodiesOnly}): its part tree is split
     * from the bytes when asked for, and not written to the store's parse cache (the row was not
     * read, so whether it has one is not known).
     */
    static MessageContent bodyOnly(MessageStore store, MessageMeta meta) {
        return new MessageContent(store, meta, true);
    }

    /** As {@link #bodyOnly(MessageStore, MessageMeta)}, with the bytes already read. */
    static MessageContent bodyOnly(MessageStore store, MessageMeta meta, byte[] raw) {
        MessageContent c = new MessageContent(store, meta, true);
        c.raw = raw;
        return c;
    }

    public MessageMeta meta() {
        return meta;
    }

    public byte[] raw() throws IOException {
        if (raw == null) {
            try (InputStream in = store.openBody(meta)) {
                raw = readAll(in, meta.size());
            }
        }
        return raw;
    }

    /** Reads a stream expected to hold {@code size} octets into one array of that size (no regrowing). */
    static byte[] readAll(InputStream in, long size) throws IOException {
        if (size <= 0 || size > Integer.MAX_VALUE - 16) {
            return in.readAllBytes();
        }
        byte[] buf = new byte[(int) size];
        int n = in.readNBytes(buf, 0, buf.length);
        if (n < buf.length) {
            return Arrays.copyOf(buf, n);
        }
        byte[] rest = in.readAllBytes();
        if (rest.length == 0) {
            return buf;
        }
        byte[] all = Arrays.copyOf(buf, buf.length + rest.length);
        System.arraycopy(rest, 0, all, buf.length, rest.length);
        return all;
    }

    /**
     * The part tree with offsets, for cutting out sections: the parse's, or for a message known by
     * its body alone the same tree split from its bytes ({@link MimeParser} made the cached one).
     */
    MimePart root() throws IOException {
        if (!bodyOnly) {
            return parsed().root();
        }
        if (root == null) {
            root = MimeParser.parse(raw());
        }
        return root;
    }

    public ParsedMessage parsed() throws IOException {
        if (parsed == null) {
            parsed = ParsedMessage.fromCache(meta.envelope(), meta.bodyStructure());
        }
        if (parsed == null) {
            parsed = ParsedMessage.parse(raw());
            cache(store, meta, parsed);
        }
        return parsed;
    }

    /**
     * ENVELOPE, BODYSTRUCTURE and BODY as ready octets: from {@code cache}, else rendered from the
     * parse (the store's cache columns, or the message parsed now) and kept there.
     */
    RenderedCache.Rendered rendered(RenderedCache cache) throws IOException {
        RenderedCache.Rendered r = cache.get(meta.blob());
        return r != null ? r : cache.put(meta.blob(), parsed());
    }

    /**
     * Parses a message and keeps the result in the store and in {@code rendered}, and its searched
     * header fields in {@code index}; called when a message is added.
     */
    public static void parseAndCache(MessageStore store, MessageMeta meta, HeaderIndex index, RenderedCache rendered)
            throws IOException {
        byte[] bytes;
        try (InputStream in = store.openBody(meta)) {
            bytes = in.readAllBytes();
        }
        ParsedMessage parsed = ParsedMessage.parse(bytes);
        cache(store, meta, parsed);
        index.add(meta, bytes);
        rendered.put(meta.blob(), parsed);
    }

    private static void cache(MessageStore store, MessageMeta meta, ParsedMessage p) {
        try {
            store.cacheParse(meta.mailboxId(), meta.uid(), p.envelope(), p.structureCache());
        } catch (StoreException e) {
            // Expunged meanwhile, or the store is closing: the next FETCH parses again.
            LOG.debug("parse cache of UID {} in mailbox {} not kept: {}", meta.uid(), meta.mailboxId(), e.getMessage());
        }
    }
}
