package org.hearthmail.mailstore.imap.command;

import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;
import org.hearthmail.mailstore.store.ConflictException;
import org.hearthmail.mailstore.store.Mailbox;
import org.hearthmail.mailstore.store.NotFoundException;

/**
 * RFC 3501 §6.3.5 / RFC 9051 §6.3.6 RENAME. Children move with the mailbox, missing superior names
 * of the new name are created, a special-use mailbox keeps its role, and renaming INBOX moves its
 * messages into a new mailbox and leaves INBOX empty (all in the store,
 * {@code MailboxStore#renameMailbox}). Under IMAP4rev2 the new name is stored in Unicode NFC and
 * a name that had to be normalized is reported with a LIST OLDNAME response.
 */
final class RenameCommand implements Command {
    @Override public String name() { return "RENAME"; }
    @Override public Set<ImapState> validIn() { return States.AUTHENTICATED; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException, ImapException {
        String fromSupplied = Mailboxes.decode(ctx, args.astring());
        String toSupplied = Mailboxes.decode(ctx, args.astring());
        args.end();
        boolean rev2 = Rev2.on(ctx);
        Mailbox from = Mailboxes.findDecoded(ctx, fromSupplied);
        while (toSupplied.endsWith(String.valueOf(Mailboxes.DELIMITER))) {
            toSupplied = toSupplied.substring(0, toSupplied.length() - 1);
        }
        String to = Mailboxes.newName(ctx, toSupplied);
        if (to.isEmpty() || to.startsWith("/") || to.contains("//") || to.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ImapException.no("CANNOT", "Invalid mailbox name");
        }
        if (to.equals("INBOX") || ctx.store().mailbox(ctx.user().id(), to).isPresent()) {
            // RFC 3501 §6.3.5: it is an error to rename to a name that already exists.
            throw ImapException.no("ALREADYEXISTS", "Mailbox exists already");
        }
        if (to.startsWith(from.name() + Mailboxes.DELIMITER)) {
            throw ImapException.no("CANNOT", "Cannot move a mailbox below itself");
        }
        // RFC 3501 §6.3.5: superior hierarchical names needed for the new name are created.
        CreateCommand.createParents(ctx, to);
        try {
            ctx.store().renameMailbox(from.id(), to);
        } catch (NotFoundException e) {
            throw ImapException.no("NONEXISTENT", "No such mailbox");
        } catch (ConflictException e) {
            throw ImapException.no("ALREADYEXISTS", "A mailbox of the new name or below it exists already");
        }
        if (rev2 && (!to.equals(toSupplied) || !Rev2.normalized(fromSupplied).equals(fromSupplied))) {
            Mailboxes.announceNormalized(ctx, to, fromSupplied);
        }
        return Outcome.ok("RENAME completed");
    }
}
