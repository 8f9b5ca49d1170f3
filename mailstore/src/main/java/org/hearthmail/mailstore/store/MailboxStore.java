package org.hearthmail.mailstore.store;

import java.util.List;
import java.util.Optional;

/** Mailboxes of a user. <b>Every method blocks</b>: never call from a Netty event loop. */
public interface MailboxStore {

    /** Separates levels of mailbox names ("Lists/java"); IMAP's hierarchy delimiter (RFC 3501 §5.1.1). */
    char HIERARCHY_DELIMITER = '/';

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

    /**
     * RFC 3501 §6.3.4 DELETE: removes a mailbox with its messages (their quota usage is released,
     * body files no other message references are deleted after the commit). Mailboxes below it in
     * the hierarchy stay. Its id and UIDVALIDITY are never used again, so a mailbox created later
     * under the same name is a different mailbox to clients.
     *
     * @throws NotFoundException if the mailbox does not exist
     * @throws ConflictException if it is INBOX, which cannot be deleted
     */
    void deleteMailbox(long mailboxId);

    /**
     * RFC 3501 §6.3.5 RENAME. A mailbox keeps its id, role (RFC 6154 special use), UIDVALIDITY and
     * messages; mailboxes below it in the hierarchy move with it ("A/x" becomes "B/x"). Renaming
     * INBOX instead moves all of INBOX's messages (same UIDs, flags, dates) into a new mailbox of
     * that name with a fresh UIDVALIDITY and leaves INBOX empty; INBOX's own children stay.
     *
     * @return the mailbox now named {@code newName}
     * @throws NotFoundException if the mailbox does not exist
     * @throws ConflictException if {@code newName} (or a child's new name) exists, is INBOX, or
     *         lies below the mailbox itself
     */
    Mailbox renameMailbox(long mailboxId, String newName);
}
