package org.hearthmail.relay.forward;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.hearthmail.relay.rcptcache.RecipientCacheStore;
import org.hearthmail.relay.spool.Spool;

/**
 * Where a transaction goes when the mailstore cannot be reached (DESIGN.md "Inbound").
 *
 * @param spool      the sealed spool; its drainer hands entries over when the mailstore is back
 * @param recipients the recipient cache; empty when the relay has no salt to look up with, which
 *                   answers every RCPT while spooling as if the cache were missing
 * @param mailstoreAnswered called when a live session got an answer from the mailstore again, so
 *                   the spool's drainer can end its back-off (the tunnel is back)
 * @param mailstoreKnownDown true while the tunnel's supervisor reports the mailstore down: new
 *                   transactions go to the spool at once instead of waiting for a connect timeout
 */
public record SpoolFallback(Spool spool, Optional<RecipientCacheStore> recipients, Runnable mailstoreAnswered,
                            BooleanSupplier mailstoreKnownDown) {
    public SpoolFallback {
        Objects.requireNonNull(spool, "spool");
        Objects.requireNonNull(recipients, "recipients");
        Objects.requireNonNull(mailstoreAnswered, "mailstoreAnswered");
        Objects.requireNonNull(mailstoreKnownDown, "mailstoreKnownDown");
    }

    /** Without tunnel health: only a failed connection leads to the spool. */
    public SpoolFallback(Spool spool, Optional<RecipientCacheStore> recipients, Runnable mailstoreAnswered) {
        this(spool, recipients, mailstoreAnswered, () -> false);
    }
}
