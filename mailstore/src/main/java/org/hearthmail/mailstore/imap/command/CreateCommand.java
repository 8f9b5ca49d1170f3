package org.hearthmail.mailstore.imap.command;

import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;
import org.hearthmail.mailstore.store.ConflictException;
import org.hearthmail.mailstore.store.MailboxRole;

/**
 * RFC 3501 §6.3.3 / RFC 9051 §6.3.4 CREATE. A trailing delimiter is dropped (it only declares a
 * future parent); under IMAP4rev2 the name is stored in NFC and a normalized name is reported with
 * LIST OLDNAME.
 */
final class CreateCommand implements Command {
    @Override public String name() { return "CREATE"; }
    @Override public Set<ImapState> validIn() { return States.AUTHENTICATED; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException, ImapException {
        String supplied = Mailboxes.decode(ctx, args.astring());
        args.end();
        while (supplied.endsWith(String.valueOf(Mailboxes.DELIMITER))) {
            supplied = supplied.substring(0, supplied.length() - 1);
        }
        String name = Mailboxes.newName(ctx, supplied);
        if (name.isEmpty() || name.equals("INBOX")) {
            throw ImapException.no("ALREADYEXISTS", "INBOX exists already");
        }
        if (name.startsWith("/") || name.contains("//") || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ImapException.no("CANNOT", "Invalid mailbox name");
        }
        if (ctx.store().mailbox(ctx.user().id(), name).isPresent()) {
            throw ImapException.no("ALREADYEXISTS", "Mailbox exists already");
        }
        // RFC 3501 §6.3.3: superior names that are missing are created too.
        createParents(ctx, name);
        try {
            ctx.store().createMailbox(ctx.user().id(), name, MailboxRole.NONE);
        } catch (ConflictException e) {
            throw ImapException.no("ALREADYEXISTS", "Mailbox exists already");
        }
        if (!name.equals(supplied)) {
            Mailboxes.announceNormalized(ctx, name, supplied);
        }
        return Outcome.ok("CREATE completed");
    }

    /** Creates the missing superior names of {@code name} (CREATE §6.3.3, RENAME §6.3.5). */
    static void createParents(CommandContext ctx, String name) {
        int slash = -1;
        while ((slash = name.indexOf(Mailboxes.DELIMITER, slash + 1)) > 0) {
            String parent = name.substring(0, slash);
            if (!parent.equals("INBOX") && ctx.store().mailbox(ctx.user().id(), parent).isEmpty()) {
                create(ctx, parent);
            }
        }
    }

    private static void create(CommandContext ctx, String name) {
        try {
            ctx.store().createMailbox(ctx.user().id(), name, MailboxRole.NONE);
        } catch (ConflictException e) {
            // made by another session meanwhile: fine
        }
    }
}
