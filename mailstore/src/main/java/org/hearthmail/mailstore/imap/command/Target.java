package org.hearthmail.mailstore.imap.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hearthmail.mailstore.imap.proto.SequenceSet;
import org.hearthmail.mailstore.imap.server.SelectedMailbox;
import org.hearthmail.mailstore.store.MessageMeta;

/** A message a command acts on: its sequence number in the session's view and its stored metadata. */
record Target(int seq, MessageMeta meta) {
    /** Below this many messages they are read one by one, above it the whole mailbox is listed once. */
    private static final int SINGLE_READS = 32;

    /**
     * The messages of the selected mailbox named by {@code set} (UIDs or sequence numbers), in
     * ascending order. Messages another session expunged from the store are left out; numbers
     * beyond the mailbox match nothing.
     */
    static List<Target> resolve(CommandContext ctx, SequenceSet set, boolean uid) {
        SelectedMailbox view = ctx.selected();
        if (set.isSavedResult()) {
            // RFC 5182 §2.1: "$" names the messages the saved SEARCH result holds, by UID.
            set = view.savedResult();
            uid = true;
        }
        List<Integer> seqs = new ArrayList<>();
        long largest = uid ? view.largestUid() : view.exists();
        for (int seq = 1; seq <= view.exists(); seq++) {
            if (set.contains(uid ? view.uidAt(seq) : seq, largest)) {
                seqs.add(seq);
            }
        }
        List<Target> out = new ArrayList<>(seqs.size());
        if (seqs.size() <= SINGLE_READS) {
            for (int seq : seqs) {
                ctx.store().message(view.id(), view.uidAt(seq)).ifPresent(m -> out.add(new Target(seq, m)));
            }
            return out;
        }
        Map<Long, MessageMeta> all = new HashMap<>();
        for (MessageMeta m : ctx.store().messages(view.id())) {
            all.put(m.uid(), m);
        }
        for (int seq : seqs) {
            MessageMeta m = all.get(view.uidAt(seq));
            if (m != null) {
                out.add(new Target(seq, m));
            }
        }
        return out;
    }
}
