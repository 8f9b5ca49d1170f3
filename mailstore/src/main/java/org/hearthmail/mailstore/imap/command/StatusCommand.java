package org.hearthmail.mailstore.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hearthmail.mailstore.imap.proto.Arg;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;
import org.hearthmail.mailstore.store.Flags;
import org.hearthmail.mailstore.store.Mailbox;
import org.hearthmail.mailstore.store.MessageMeta;

/** RFC 3501 §6.3.10 STATUS, with SIZE (RFC 8438), DELETED (RFC 9051 §6.3.11) and APPENDLIMIT (RFC 7889 §3.2). */
final class StatusCommand implements Command {
    @Override public String name() { return "STATUS"; }
    @Override public Set<ImapState> validIn() { return States.AUTHENTICATED; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException, ImapException {
        String name = args.astring();
        List<Arg> items = args.list();
        args.end();
        if (items.isEmpty()) {
            throw new ImapSyntaxException("STATUS needs at least one item");
        }
        Mailbox box = Mailboxes.find(ctx, name);
        ctx.untagged("STATUS " + Mailboxes.quoted(ctx, box) + " (" + items(ctx, box, items) + ")");
        return Outcome.ok("STATUS completed");
    }

    /** The item list of a STATUS response; LIST-STATUS (RFC 5819) uses it too. */
    static String items(CommandContext ctx, Mailbox mailbox, List<Arg> items) throws ImapSyntaxException {
        Mailbox box = ctx.store().mailboxById(mailbox.id()).orElse(mailbox);
        List<MessageMeta> messages = ctx.store().messages(box.id());
        List<String> out = new ArrayList<>();
        for (Arg item : items) {
            String what = item.toString().toUpperCase(Locale.ROOT);
            String value = switch (what) {
                case "MESSAGES" -> Integer.toString(messages.size());
                case "RECENT" -> {
                    // RFC 9051 Appendix E: IMAP4rev2 has no \Recent and no RECENT status item.
                    if (Rev2.on(ctx)) {
                        throw new ImapSyntaxException("no RECENT in IMAP4rev2");
                    }
                    yield "0";
                }
                // RFC 9051 §6.3.11: DELETED counts the messages with \Deleted.
                case "DELETED" -> Long.toString(messages.stream().filter(m -> m.flags().contains(Flags.DELETED)).count());
                case "UIDNEXT" -> Long.toString(box.uidNext());
                case "UIDVALIDITY" -> Long.toString(box.uidValidity());
                case "UNSEEN" -> Long.toString(messages.stream().filter(m -> !m.flags().contains(Flags.SEEN)).count());
                case "SIZE" -> Long.toString(messages.stream().mapToLong(MessageMeta::size).sum());
                case "HIGHESTMODSEQ" -> {
                    Condstore.enable(ctx);
                    yield Long.toString(box.highestModSeq());
                }
                case "APPENDLIMIT" -> Integer.toString(ctx.config().limits().maxAppendBytes());
                default -> throw new ImapSyntaxException("unknown STATUS item " + what);
            };
            out.add(what + " " + value);
        }
        return String.join(" ", out);
    }
}
