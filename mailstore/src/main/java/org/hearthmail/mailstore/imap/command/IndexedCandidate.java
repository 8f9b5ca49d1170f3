package org.hearthmail.mailstore.imap.command;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.MessageStore;

/**
 * A message as the fast SEARCH path sees it: metadata from a summary row (no parse caches),
 * indexed header fields from the {@link HeaderIndex}; anything else (other header fields, body
 * and header text) from a {@link MessageCandidate} over the full row, read on first use.
 */
final class IndexedCandidate implements SearchKey.Candidate {
    private final int seq;
    private final int exists;
    private final long largestUid;
    private final MessageMeta summary;
    private final MessageStore store;
    private final HeaderIndex index;
    private HeaderIndex.Entry entry;
    private MessageCandidate full;

    IndexedCandidate(int seq, int exists, long largestUid, MessageMeta summary, MessageStore store, HeaderIndex index) {
        this.seq = seq;
        this.exists = exists;
        this.largestUid = largestUid;
        this.summary = summary;
        this.store = store;
        this.index = index;
    }

    @Override public int seq() { return seq; }
    @Override public long uid() { return summary.uid(); }
    @Override public int exists() { return exists; }
    @Override public long largestUid() { return largestUid; }
    @Override public MessageMeta meta() { return summary; }

    @Override
    public List<String> header(String name) throws IOException {
        String field = HeaderIndex.indexed(name);
        return field != null ? entry().values(field) : full().header(name);
    }

    @Override
    public String bodyText() throws IOException {
        return full().bodyText();
    }

    @Override
    public String headerText() throws IOException {
        return full().headerText();
    }

    @Override
    public LocalDate sentDate() throws IOException {
        return entry().sentDate();
    }

    private HeaderIndex.Entry entry() throws IOException {
        if (entry == null) {
            entry = index.get(store, summary);
        }
        return entry;
    }

    private MessageCandidate full() {
        if (full == null) {
            MessageMeta meta = store.message(summary.mailboxId(), summary.uid()).orElse(summary);
            full = new MessageCandidate(seq, exists, largestUid, new MessageContent(store, meta));
        }
        return full;
    }
}
