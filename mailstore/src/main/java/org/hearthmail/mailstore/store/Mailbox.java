package org.hearthmail.mailstore.store;

/**
 * A mailbox and its IMAP counters.
 *
 * @param uidValidity RFC 3501 §2.3.1.1: non-zero, never reused for a different mailbox of the same name
 * @param uidNext the UID the next message will get; UIDs are strictly ascending and never reused
 * @param highestModSeq RFC 7162 §3.1.1: the highest mod-sequence of any change in this mailbox
 */
public record Mailbox(long id, long userId, String name, MailboxRole role, long uidValidity, long uidNext,
                      long highestModSeq) {
    public Mailbox {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("mailbox name must not be empty");
        }
        if (uidValidity <= 0 || uidValidity > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("RFC 3501 §2.3.1.1: UIDVALIDITY must be a non-zero 32-bit value: " + uidValidity);
        }
    }
}
