package org.hearthmail.mailstore.store;

/** What happened to one recipient of a delivery. */
public sealed interface RecipientOutcome {
    String address();

    record Delivered(String address, long userId, long mailboxId, long uid) implements RecipientOutcome {
    }

    /** Not delivered; {@code reason} is an {@link Resolution.Unknown} or {@link Resolution.OverQuota}. */
    record NotDelivered(String address, Resolution reason) implements RecipientOutcome {
        public NotDelivered {
            if (reason instanceof Resolution.Resolved) {
                throw new IllegalArgumentException("a resolved recipient is not a failure");
            }
        }
    }
}
