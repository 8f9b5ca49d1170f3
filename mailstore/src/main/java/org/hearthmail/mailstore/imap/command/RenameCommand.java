package org.hearthmail.mailstore.imap.command;

import java.util.List;
import java.util.Optional;
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
        Mailbox from = source(ctx, fromSupplied, rev2);
        while (toSupplied.endsWith(String.valueOf(Mailboxes.DELIMITER))) {
            toSupplied = toSupplied.substring(0, toSupplied.length() - 1);
        }
        // RFC 9051 §5.1 / §6.3.6: the server normalizes the new mailbox name (NFC, RFC 5198 §2).
        // IMAP4rev1 sessions keep the name as sent, as they always did.
        String to = rev2 ? Rev2.normalized(toSupplied) : toSupplied;
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
            announce(ctx, to, fromSupplied);
        }
        return Outcome.ok("RENAME completed");
    }

    /**
     * The mailbox to rename: the name as sent, or under IMAP4rev2 its NFC form, so a client that
     * sends a denormalized name still finds the mailbox it means (RFC 9051 §6.3.9.7).
     */
    private static Mailbox source(CommandContext ctx, String supplied, boolean rev2) throws ImapException {
        Optional<Mailbox> box = ctx.store().mailbox(ctx.user().id(), supplied);
        if (box.isEmpty() && rev2) {
            box = ctx.store().mailbox(ctx.user().id(), Rev2.normalized(supplied));
        }
        return box.orElseThrow(() -> ImapException.no("NONEXISTENT", "No such mailbox"));
    }

    /**
     * RFC 9051 §6.3.6: "If the normalized version of any of these 2 parameters differs from the
     * corresponding supplied version, the server SHOULD return an untagged LIST response with an
     * OLDNAME extended data item, with the OLDNAME value being the supplied existing mailbox name
     * and the name parameter being the normalized new mailbox name." Every mailbox counts as
     * subscribed here, so the response carries \Subscribed, which §6.3.6 then requires.
     */
    private static void announce(CommandContext ctx, String newName, String suppliedOldName) {
        List<Mailbox> all = ctx.store().mailboxes(ctx.user().id());
        Optional<Mailbox> renamed = all.stream().filter(m -> m.name().equals(newName)).findFirst();
        if (renamed.isEmpty()) {
            return; // gone again already (another session): nothing true to announce
        }
        List<String> attrs = ListCommand.attributes(renamed.get(), all);
        attrs.add("\\Subscribed");
        // RFC 9051 §9: oldname-extended-item = "OLDNAME" SP "(" mailbox ")"
        ctx.untagged("LIST (" + String.join(" ", attrs) + ") \"/\" " + Mailboxes.quoted(ctx, renamed.get())
                + " (\"OLDNAME\" (" + Mailboxes.quoted(ctx, suppliedOldName) + "))");
    }
}
