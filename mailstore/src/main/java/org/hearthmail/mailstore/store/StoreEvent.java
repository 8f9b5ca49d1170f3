package org.hearthmail.mailstore.store;

import java.util.List;
import java.util.Set;

/** A committed change, published after its transaction commits (IMAP IDLE/NOTIFY feed on these). */
public sealed interface StoreEvent {
    long userId();

    long mailboxId();

    record MailboxCreated(long userId, long mailboxId, String name) implements StoreEvent {
    }

    /** RFC 3501 §6.3.4: the mailbox and its messages are gone. */
    record MailboxDeleted(long userId, long mailboxId, String name) implements StoreEvent {
    }

    /** RFC 3501 §6.3.5: same mailbox, new name (children report their own renames). */
    record MailboxRenamed(long userId, long mailboxId, String oldName, String newName) implements StoreEvent {
    }

    /**
     * @param parseCached the IMAP layer's parse results were committed with the message (an APPEND
     *                    that parsed it), so there is nothing left to parse
     */
    record MessageAdded(long userId, long mailboxId, long uid, long modSeq, boolean parseCached) implements StoreEvent {
        /** A message stored without parse results (a delivery, a copy). */
        public MessageAdded(long userId, long mailboxId, long uid, long modSeq) {
            this(userId, mailboxId, uid, modSeq, false);
        }
    }

    record FlagsChanged(long userId, long mailboxId, long uid, long modSeq, Set<String> flags) implements StoreEvent {
    }

    record MessagesExpunged(long userId, long mailboxId, List<Long> uids, long modSeq) implements StoreEvent {
        public MessagesExpunged {
            uids = List.copyOf(uids);
        }
    }
}
