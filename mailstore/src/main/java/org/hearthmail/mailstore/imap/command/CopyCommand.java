package org.hearthmail.mailstore.imap.command;

import java.util.List;
import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.proto.SequenceSet;
import org.hearthmail.mailstore.imap.server.ImapState;
import org.hearthmail.mailstore.store.CopiedMessage;
import org.hearthmail.mailstore.store.Mailbox;
import org.hearthmail.mailstore.store.OverQuotaException;

/**
 * RFC 3501 §6.4.7 COPY and RFC 6851 MOVE (and their UID forms), answered with COPYUID
 * (RFC 4315 §3). MOVE is a copy followed by an expunge of the originals; the copy is one store
 * transaction, so a failure leaves the source untouched.
 */
final class CopyCommand implements Command {
    private final boolean uid;
    private final boolean move;

    CopyCommand(boolean uid, boolean move) {
        this.uid = uid;
        this.move = move;
    }

    @Override public String name() { return move ? "MOVE" : "COPY"; }
    @Override public Set<ImapState> validIn() { return States.SELECTED; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException, ImapException {
        SequenceSet set = args.sequenceSet();
        String name = args.astring();
        args.end();
        if (move && ctx.selected().readOnly()) {
            throw ImapException.no("READ-ONLY", "Mailbox is read-only");
        }
        Mailbox target;
        try {
            target = Mailboxes.find(ctx, name);
        } catch (ImapException e) {
            // RFC 3501 §6.4.7: TRYCREATE when the target does not exist.
            throw ImapException.no("TRYCREATE", "No such mailbox");
        }
        List<Long> uids = Target.resolve(ctx, set, uid).stream().map(t -> t.meta().uid()).toList();
        String word = (uid ? "UID " : "") + name();
        if (uids.isEmpty()) {
            return Outcome.ok(word + " completed, nothing matched");
        }
        List<CopiedMessage> copied;
        try {
            copied = ctx.store().copy(ctx.selected().id(), uids, target.id());
        } catch (OverQuotaException e) {
            throw ImapException.no("OVERQUOTA", "Target mailbox is over its storage quota");
        }
        if (copied.isEmpty()) {
            return Outcome.ok(word + " completed, nothing matched");
        }
        String code = "COPYUID " + target.uidValidity() + " "
                + SequenceSet.render(copied.stream().map(CopiedMessage::sourceUid).toList()) + " "
                + SequenceSet.render(copied.stream().map(c -> c.copy().uid()).toList());
        if (!move) {
            return Outcome.ok(code, word + " completed");
        }
        // RFC 6851 §4.3: COPYUID goes in an untagged OK before the EXPUNGEs.
        ctx.untagged("OK [" + code + "] Moved");
        List<Long> removed = ctx.store().expunge(ctx.selected().id(),
                copied.stream().map(CopiedMessage::sourceUid).toList());
        ExpungeCommand.report(ctx, removed);
        return Outcome.ok(word + " completed");
    }
}
