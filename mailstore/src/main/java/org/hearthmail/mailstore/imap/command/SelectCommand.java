package org.hearthmail.mailstore.imap.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;
import org.hearthmail.mailstore.imap.server.SelectedMailbox;
import org.hearthmail.mailstore.imap.view.MailboxViews;
import org.hearthmail.mailstore.imap.view.ViewSnapshot;
import org.hearthmail.mailstore.store.Mailbox;
import org.hearthmail.mailstore.store.MessageMeta;

/** RFC 3501 §6.3.1 SELECT and §6.3.2 EXAMINE (read-only); RFC 9051 §6.3.2 and §6.3.3 under IMAP4rev2. */
final class SelectCommand implements Command {
    static final String SYSTEM_FLAGS = "\\Answered \\Flagged \\Deleted \\Seen \\Draft";
    private final boolean readOnly;

    SelectCommand(boolean readOnly) {
        this.readOnly = readOnly;
    }

    @Override public String name() { return readOnly ? "EXAMINE" : "SELECT"; }
    @Override public Set<ImapState> validIn() { return States.AUTHENTICATED; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException, ImapException {
        String name = args.astring();
        Qresync.Params qresync = null;
        if (args.peekIsList()) {
            ArgReader params = new ArgReader(args.list());
            while (params.hasMore()) {
                String p = params.keyword();
                if (p.equals("CONDSTORE")) {
                    // RFC 7162 §3.2.8: SELECT mailbox (CONDSTORE) enables CONDSTORE.
                    Condstore.enable(ctx);
                } else if (p.equals("QRESYNC") && Condstore.qresync(ctx)) {
                    qresync = Qresync.Params.parse(params.list());
                } else {
                    throw new ImapSyntaxException("unknown or not enabled SELECT parameter " + p);
                }
            }
        }
        args.end();
        boolean rev2 = Rev2.on(ctx);
        if (ctx.selected() != null && (Condstore.qresync(ctx) || rev2)) {
            // RFC 7162 §3.2.11, RFC 9051 §6.3.2: the client learns where the old mailbox's responses end.
            ctx.untagged("OK [CLOSED] Previous mailbox closed");
        }
        // RFC 3501 §6.3.1: a SELECT first deselects; if it fails, no mailbox is selected.
        ctx.select(null);
        Mailbox box = Mailboxes.find(ctx, name);
        ctx.watch(box.id());
        // The counters are read before the messages: a HIGHESTMODSEQ older than the view is safe.
        box = ctx.store().mailboxById(box.id()).orElse(box);
        MailboxViews.Lease lease = MailboxViews.of(ctx.store()).acquire(box.id());
        ViewSnapshot messages;
        SelectedMailbox view;
        try {
            // Every message the counters know of (UIDNEXT - 1) is in the view, read now if not yet.
            messages = lease.view().sync(box.uidNext() - 1);
            if (messages.highestModSeq() < box.highestModSeq()) {
                // A change the counters include is committed but its event is still on its way: a
                // whole read now has it (as the counters, read before). RFC 7162 §3.1.2.1: the
                // client may cache HIGHESTMODSEQ, so the view must not be older than it.
                messages = lease.view().reread();
            }
            view = new SelectedMailbox(box, readOnly, lease, messages);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
        try {
            ViewSnapshot.FlagSummary o = messages.flagSummary();
            String kw = o.keywords().isEmpty() ? "" : " " + String.join(" ", o.keywords());
            ctx.untagged("FLAGS (" + SYSTEM_FLAGS + kw + ")");
            ctx.untagged("OK [PERMANENTFLAGS (" + (readOnly ? "" : SYSTEM_FLAGS + kw + " \\*") + ")] Flags permitted");
            ctx.untagged(view.exists() + " EXISTS");
            if (rev2) {
                // RFC 9051 §6.3.2: a LIST response with the mailbox's name and accurate attributes; RECENT
                // and the UNSEEN code are gone from IMAP4rev2 (Appendix E).
                ctx.untagged("LIST (" + String.join(" ", ListCommand.attributes(box, ctx.store().mailboxes(ctx.user().id())))
                        + ") \"/\" " + Mailboxes.quoted(ctx, box));
            } else {
                // \Recent is not kept (IMAP4rev2 dropped it); RFC 3501 §6.3.1 still wants the response.
                ctx.untagged("0 RECENT");
                if (o.firstUnseen() >= 0) {
                    ctx.untagged("OK [UNSEEN " + (o.firstUnseen() + 1) + "] First unseen");
                }
            }
            ctx.untagged("OK [UIDVALIDITY " + box.uidValidity() + "] UIDs valid");
            ctx.untagged("OK [UIDNEXT " + Math.max(box.uidNext(), view.largestUid() + 1) + "] Predicted next UID");
            // RFC 7162 §3.1.2.1: a server with persistent mod-sequences sends HIGHESTMODSEQ on every SELECT.
            ctx.untagged("OK [HIGHESTMODSEQ " + box.highestModSeq() + "] Highest");
            ctx.select(view);
            if (qresync != null && qresync.uidValidity() == box.uidValidity()) {
                Qresync.resync(ctx, qresync, changedSince(box.id(), messages, qresync.modSeq()));
            }
        } catch (RuntimeException e) {
            if (ctx.selected() != view) {
                view.close(); // not selected after all: the shared view is not held
            }
            throw e;
        }
        return Outcome.ok(readOnly ? "READ-ONLY" : "READ-WRITE", name() + " completed");
    }

    /** The messages changed after {@code modSeq}, as QRESYNC reports them (UID, flags, MODSEQ). */
    private static List<MessageMeta> changedSince(long mailboxId, ViewSnapshot messages, long modSeq) {
        List<MessageMeta> out = new ArrayList<>();
        for (int i = 0; i < messages.count(); i++) {
            if (messages.modSeq(i) > modSeq) {
                out.add(new MessageMeta(mailboxId, messages.uid(i), messages.modSeq(i), messages.flags(i),
                        Instant.ofEpochMilli(messages.internalDate(i)), messages.size(i), null, null, null));
            }
        }
        return out;
    }
}
