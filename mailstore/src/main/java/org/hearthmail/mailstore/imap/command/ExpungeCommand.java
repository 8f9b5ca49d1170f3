package org.hearthmail.mailstore.imap.command;

import java.util.List;
import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.proto.SequenceSet;
import org.hearthmail.mailstore.imap.server.ImapState;
import org.hearthmail.mailstore.store.Flags;
import org.hearthmail.mailstore.store.MessageMeta;

/** RFC 3501 §6.4.3 EXPUNGE and RFC 4315 §2.1 UID EXPUNGE (only the given UIDs). */
final class ExpungeCommand implements Command {
    private final boolean uid;

    ExpungeCommand(boolean uid) {
        this.uid = uid;
    }

    @Override public String name() { return "EXPUNGE"; }
    @Override public Set<ImapState> validIn() { return States.SELECTED; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException, ImapException {
        SequenceSet only = uid ? args.sequenceSet() : null;
        if (only != null && only.isSavedResult()) {
            only = ctx.selected().savedResult(); // RFC 5182 §2.1: UID EXPUNGE $
        }
        args.end();
        if (ctx.selected().readOnly()) {
            throw ImapException.no("READ-ONLY", "Mailbox is read-only");
        }
        report(ctx, expungeDeleted(ctx, only));
        return Outcome.ok((uid ? "UID " : "") + "EXPUNGE completed");
    }

    /** Removes the \Deleted messages of the selected mailbox (those in {@code only}, when given). */
    static List<Long> expungeDeleted(CommandContext ctx, SequenceSet only) {
        long largest = ctx.selected().largestUid();
        List<Long> deleted = ctx.store().messages(ctx.selected().id()).stream()
                .filter(m -> m.flags().contains(Flags.DELETED))
                .map(MessageMeta::uid)
                .filter(u -> ctx.selected().seqOf(u) > 0 && (only == null || only.contains(u, largest)))
                .toList();
        return deleted.isEmpty() ? List.of() : ctx.store().expunge(ctx.selected().id(), deleted);
    }

    /** RFC 3501 §7.4.1: one EXPUNGE per message, each number valid at the moment it is sent. */
    static void report(CommandContext ctx, List<Long> removedUids) {
        ctx.reportExpunged(removedUids);
    }
}
