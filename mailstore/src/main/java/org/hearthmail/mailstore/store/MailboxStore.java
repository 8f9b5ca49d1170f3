package org.hearthmail.mailstore.store;

import java.util.List;
import java.util.Optional;

/** Mailboxes of a user. <b>Every method blocks</b>: never call from a Netty event loop. */
public interface MailboxStore {

    List<Mailbox> mailboxes(long userId);

    /** RFC 3501 §5.1: the name INBOX is case-insensitive; other names are exact. */
    Optional<Mailbox> mailbox(long userId, String name);

    Optional<Mailbox> mailbox(long userId, MailboxRole role);

    Optional<Mailbox> mailboxById(long mailboxId);

    /**
     * Creates a mailbox with a fresh UIDVALIDITY.
     *
     * @throws ConflictException if the name exists, or the role is not NONE and taken
     */
    Mailbox createMailbox(long userId, String name, MailboxRole role);
}
