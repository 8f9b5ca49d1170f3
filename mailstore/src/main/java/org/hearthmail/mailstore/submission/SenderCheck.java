package org.hearthmail.mailstore.submission;

import java.util.List;
import java.util.Optional;
import org.hearthmail.mailstore.store.InvalidAddressException;
import org.hearthmail.mailstore.store.MessageStore;
import org.hearthmail.mailstore.store.Resolution;
import org.hearthmail.mailstore.store.User;

/**
 * Whether a user may send as an address: exactly when mail to that address would reach the same
 * user (own address, sub-address, alias, or a catch-all the user owns and nobody else's address
 * matches), decided by the same {@link MessageStore#resolveRecipient} rule the intake uses, so the
 * two can never disagree. Blocking (database): call on a worker.
 */
final class SenderCheck {

    private final MessageStore store;

    SenderCheck(MessageStore store) {
        this.store = store;
    }

    boolean mayUse(User user, String address) {
        Resolution r;
        try {
            r = store.resolveRecipient(address);
        } catch (InvalidAddressException | IllegalArgumentException e) {
            return false;
        }
        if (r instanceof Resolution.Resolved res) {
            return res.user().id() == user.id();
        }
        if (r instanceof Resolution.OverQuota o) {
            // A full mailbox does not stop its owner from sending.
            return o.user().id() == user.id();
        }
        return false;
    }

    /** The first of {@code addresses} the user may not use, if any. */
    Optional<String> firstForeign(User user, List<String> addresses) {
        return addresses.stream().filter(a -> !mayUse(user, a)).findFirst();
    }
}
