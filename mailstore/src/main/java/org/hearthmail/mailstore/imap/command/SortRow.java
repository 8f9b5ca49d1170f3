package org.hearthmail.mailstore.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hearthmail.mailstore.store.MailStore;

/**
 * One message as SORT and THREAD see it: the numbers it is reported by, what the mailbox view
 * knows (RFC822.SIZE, INTERNALDATE) and the header fields the {@link HeaderIndex} keeps.
 */
record SortRow(int seq, long uid, long size, long arrival, SortFields fields) {

    /**
     * RFC 5256 §2.2: the sent date in milliseconds; when the Date field is missing or cannot be
     * parsed, the INTERNALDATE stands in for it.
     */
    long sent() {
        return fields.sent() == SortFields.NO_DATE ? arrival : fields.sent();
    }

    /** The rows of the messages found, each with its header fields from the index (read once when missing). */
    static List<SortRow> of(MailStore store, long mailbox, List<SearchEvaluator.Hit> hits) throws IOException {
        HeaderIndex index = HeaderIndex.of(store);
        Map<Long, HeaderIndex.Entry> known = index.mailbox(mailbox);
        List<SortRow> rows = new ArrayList<>(hits.size());
        for (SearchEvaluator.Hit h : hits) {
            HeaderIndex.Entry e = known.get(h.uid());
            if (e == null) {
                e = index.get(store, mailbox, h.uid());
            }
            // A message expunged by another session since the search has no header left to read.
            rows.add(new SortRow(h.seq(), h.uid(), h.size(), h.internalDate(), e == null ? SortFields.NONE : e.sort()));
        }
        return rows;
    }
}
