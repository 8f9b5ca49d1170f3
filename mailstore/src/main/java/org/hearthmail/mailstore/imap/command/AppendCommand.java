package org.hearthmail.mailstore.imap.command;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.hearthmail.mailstore.imap.mime.ParsedMessage;
import org.hearthmail.mailstore.imap.proto.Arg;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.proto.Octets;
import org.hearthmail.mailstore.imap.server.ImapState;
import org.hearthmail.mailstore.store.Mailbox;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.OverQuotaException;

/**
 * RFC 3501 §6.3.11 APPEND mailbox [(flags)] [date-time] literal, answered with APPENDUID
 * (RFC 4315 §3). The size limit (RFC 7889 APPENDLIMIT) is enforced by the parser before the
 * literal is read. The message may come as a literal8 (RFC 3516 §4.4), the only form that may hold NUL.
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
        Arg content = args.next();
        args.end();
        if (!(content instanceof Arg.Str str)) {
            throw new ImapSyntaxException("expected the message as a literal, got " + content);
        }
        byte[] message = str.bytes();
        // RFC 9051 §4.3 / RFC 3516 §4.4: only a literal8 (~{n}) may carry NUL; in a plain literal it is a syntax error.
        if (!str.binary() && Octets.hasNul(message)) {
            throw new ImapSyntaxException("message contains NUL; send it as literal8 (~{n})");
        }
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
        // Parsed here, where the bytes are at hand: ENVELOPE and BODYSTRUCTURE are committed with the
        // message (no later read of the file, no write of their own) and searched fields indexed.
        ParsedMessage parsed = ParsedMessage.parse(message);
        MessageMeta m;
        try {
            m = ctx.store().append(box.id(), flags, date, new ByteArrayInputStream(message), parsed.envelope(),
                    parsed.structureCache());
        } catch (OverQuotaException e) {
            throw ImapException.no("OVERQUOTA", "Mailbox is over its storage quota");
        }
        HeaderIndex.of(ctx.store()).add(m, message);
        RenderedCache.of(ctx.store()).put(m.blob(), parsed);
        // RFC 4315 §3: APPENDUID uidvalidity uid.
        return Outcome.ok("APPENDUID " + box.uidValidity() + " " + m.uid(), "APPEND completed");
    }
}
