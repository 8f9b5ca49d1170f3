package org.hearthmail.mailstore.imap.command;

import java.util.List;
import org.hearthmail.mailstore.imap.proto.Arg;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.proto.SequenceSet;
import org.hearthmail.mailstore.imap.server.SelectedMailbox;
import org.hearthmail.mailstore.store.MessageMeta;

/**
 * RFC 7162 §3.2.5 QRESYNC: a client that knows the mailbox at a mod-sequence learns in one
 * round trip which messages vanished and which changed since.
 */
final class Qresync {
    private Qresync() {
    }

    /** SELECT's QRESYNC parameter: (uidvalidity modseq [known-uids [seq-match-data]]). */
    record Params(long uidValidity, long modSeq, SequenceSet knownUids) {
        static Params parse(List<Arg> items) throws ImapSyntaxException {
            ArgReader r = new ArgReader(items);
            long validity = r.number();
            long modSeq = r.number();
            SequenceSet known = null;
            if (r.hasMore() && !r.peekIsList()) {
                known = r.sequenceSet();
            }
            if (r.hasMore()) {
                r.list(); // seq-match-data only narrows what the server must check; everything is checked
            }
            r.end();
            return new Params(validity, modSeq, known);
        }
    }

    /** After SELECT: VANISHED (EARLIER) for what left, then FETCH for what changed (§3.2.5.1). */
    static void resync(CommandContext ctx, Params p, List<MessageMeta> messages) {
        vanishedEarlier(ctx, p.modSeq(), p.knownUids());
        SelectedMailbox view = ctx.selected();
        for (MessageMeta m : messages) {
            if (m.modSeq() > p.modSeq()) {
                ctx.untagged(view.seqOf(m.uid()) + " FETCH (UID " + m.uid() + " FLAGS ("
                        + String.join(" ", m.flags()) + ") MODSEQ (" + m.modSeq() + "))");
            }
        }
    }

    /** RFC 7162 §3.2.6: VANISHED (EARLIER) lists UIDs expunged after {@code modSeq} (within {@code only}). */
    static void vanishedEarlier(CommandContext ctx, long modSeq, SequenceSet only) {
        long largest = Long.MAX_VALUE / 2;
        List<Long> gone = ctx.store().expungedSince(ctx.selected().id(), modSeq).stream()
                .filter(u -> only == null || only.contains(u, largest)).toList();
        if (!gone.isEmpty()) {
            ctx.untagged("VANISHED (EARLIER) " + SequenceSet.render(gone));
        }
    }
}
