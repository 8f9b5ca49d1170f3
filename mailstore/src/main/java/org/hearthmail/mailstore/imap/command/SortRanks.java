package org.hearthmail.mailstore.imap.command;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The order of one mailbox's messages under each text sort key (RFC 5256 §3 FROM, TO, CC,
 * SUBJECT), kept between commands as Dovecot keeps its sort ids: per key, the UIDs ranked last
 * time and their ranks. A message's key never changes (messages are immutable and a UID names one
 * message of a mailbox forever), so ranks made for a set of messages order every subset of it
 * correctly; a command whose messages were all ranked before reads their ranks (one pass, no
 * string compared), and any message not ranked yet makes the ranks again over the command's
 * messages. Expunged UIDs stay until the next ranking; the holder ({@link HeaderIndex}) counts
 * the room in its memory bound and drops the ranks with the mailbox's entries.
 */
final class SortRanks {
    /** Ranks made for the messages of one command: UIDs ascending and the rank of each. */
    private record Ranked(long[] uids, long[] ranks) {
        /** The ranks of {@code rows} (ascending UIDs), or null when one of them was not ranked. */
        long[] of(List<SortRow> rows) {
            long[] out = new long[rows.size()];
            int j = 0;
            for (int i = 0; i < out.length; i++) {
                long uid = rows.get(i).uid();
                while (j < uids.length && uids[j] < uid) {
                    j++;
                }
                if (j == uids.length || uids[j] != uid) {
                    return null;
                }
                out[i] = ranks[j];
            }
            return out;
        }
    }

    private final Map<SortCriterion.Key, Ranked> byKey = new ConcurrentHashMap<>();

    /**
     * Order-preserving ranks (equal keys, equal rank) of {@code rows}' text under {@code key}:
     * the kept ones when every row was ranked before, else made now (and kept when the rows come in
     * ascending UIDs, as a session numbers them).
     */
    long[] ranks(SortCriterion.Key key, List<SortRow> rows, Function<SortRow, TextKey> text) {
        Ranked kept = byKey.get(key);
        long[] ranks = kept == null ? null : kept.of(rows);
        if (ranks != null) {
            return ranks;
        }
        int n = rows.size();
        TextKey[] keys = new TextKey[n];
        long[] uids = new long[n];
        boolean ascending = true;
        for (int i = 0; i < n; i++) {
            SortRow r = rows.get(i);
            keys[i] = text.apply(r);
            uids[i] = r.uid();
            ascending &= i == 0 || uids[i - 1] < uids[i];
        }
        ranks = SortColumns.textRanks(keys);
        if (ascending) {
            byKey.put(key, new Ranked(uids, ranks));
        }
        return ranks;
    }
}
