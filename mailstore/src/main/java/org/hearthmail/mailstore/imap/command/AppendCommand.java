package org.hearthmail.mailstore.imap.command;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.hearthmail.mailstore.imap.proto.Arg;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;
import org.hearthmail.mailstore.store.Mailbox;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.OverQuotaException;

/**
 * RFC 3501 §6.3.11 APPEND mailbox [(flags)] [date-time] literal, answered with APPENDUID
 * (RFC 4315 §3). The size limit (RFC 7889 APPENDLIMIT) is enforced by the parser before the
 * literal is read.
 */
final class AppendCommand implements Command {
    @Override public String name() { return "APPEND"; }
    @Override public Set<ImapState> validIn() { return States.AUTHENTICATED; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args)
            throws ImapSyntaxException, ImapException, IOException {
        String name = args.astring();
        Set<String> flags = new HashSet<>();
        if (args.peekIsList()) {
            for (Arg f : args.list()) {
                String flag = StoreCommand.flag(f);
                if (!flag.equals("\\Recent")) {
                    flags.add(flag);
                }
            }
        }
        Instant date = Instant.now();
        if (args.peek() instanceof Arg.Str s && !s.literal()) {
            date = Dates.parseDateTime(s.text());
            args.next();
        }
        byte[] message = args.literalOrString();
        args.end();
        if (message.length == 0) {
            throw ImapException.no(null, "Will not store an empty message");
        }
        Mailbox box;
        try {
            box = Mailboxes.find(ctx, name);
        } catch (ImapException e) {
            // RFC 3501 §6.3.11: TRYCREATE when the mailbox does not exist.
            throw ImapException.no("TRYCREATE", "No such mailbox");
        }
        MessageMeta m;
        try {
            m = ctx.store().append(box.id(), flags, date, new ByteArrayInputStream(message));
        } catch (OverQuotaException e) {
            throw ImapException.no("OVERQUOTA", "Mailbox is over its storage quota");
        }
        return Outcome.ok("APPENDUID " + box.uidValidity() + " " + m.uid(), "APPEND completed");
    }
}
