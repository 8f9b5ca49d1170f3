package org.hearthmail.mailstore.store;

import java.util.List;
import java.util.Set;

/** A committed change, published after its transaction commits (IMAP IDLE/NOTIFY feed on these). */
public sealed interface StoreEvent {
    long userId();

    long mailboxId();

    record MailboxCreated(long userId, long mailboxId, String name) implements StoreEvent {
    }

    record MessageAdded(long userId, long mailboxId, long uid, long modSeq) implements StoreEvent {
    }

    record FlagsChanged(long userId, long mailboxId, long uid, long modSeq, Set<String> flags) implements StoreEvent {
    }

    record MessagesExpunged(long userId, long mailboxId, List<Long> uids, long modSeq) implements StoreEvent {
        public MessagesExpunged {
            uids = List.copyOf(uids);
        }
    }
}
