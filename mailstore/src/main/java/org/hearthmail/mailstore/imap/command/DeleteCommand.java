package org.hearthmail.mailstore.imap.command;

import java.util.Set;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.server.ImapState;
import org.hearthmail.mailstore.store.ConflictException;
import org.hearthmail.mailstore.store.Mailbox;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.NotFoundException;

/**
 * RFC 3501 §6.3.4 DELETE: removes a mailbox and its messages; mailboxes below it stay. Deleting
 * the mailbox this session has selected closes it first (as Dovecot does), so the session is
 * back in the authenticated state afterwards.
 */
final class DeleteCommand implements Command {
    @Override public String name() { return "DELETE"; }
    @Override public Set<ImapState> validIn() { return States.AUTHENTICATED; }

    @Override
    public Outcome execute(CommandContext ctx, String tag, ArgReader args) throws ImapSyntaxException, ImapException {
        Mailbox m = Mailboxes.find(ctx, args.astring());
        args.end();
        if (m.role() == MailboxRole.INBOX) {
            // RFC 3501 §6.3.4: it is an error to attempt to delete the name INBOX.
            throw ImapException.no("CANNOT", "INBOX cannot be deleted");
        }
        if (ctx.selected() != null && ctx.selected().id() == m.id()) {
            ctx.select(null);
        }
        try {
            ctx.store().deleteMailbox(m.id());
        } catch (NotFoundException e) {
            throw ImapException.no("NONEXISTENT", "No such mailbox");
        } catch (ConflictException e) {
            throw ImapException.no("CANNOT", "Mailbox cannot be deleted");
        }
        return Outcome.ok("DELETE completed");
    }
}
