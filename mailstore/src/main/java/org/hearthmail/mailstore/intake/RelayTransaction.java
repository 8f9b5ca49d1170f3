package org.hearthmail.mailstore.intake;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The relay's transaction id field ({@code Hearthmail-Transaction: <uuid>}), which the relay puts
 * above its {@code Received} line in both the live and the spooled copy of a message. Honoured only
 * from the relay (like {@link Verdict#HEADER}) and never stored; a committed id makes a later copy
 * of the same message a duplicate ({@link org.hearthmail.mailstore.store.MessageStore#deliverOnce}).
 */
final class RelayTransaction {

    static final String HEADER = "Hearthmail-Transaction";

    private RelayTransaction() {
    }

    /** The id in canonical lower-case UUID form, or empty for anything else (then no dedup, never a refusal). */
    static Optional<String> parse(String value) {
        String v = value.strip();
        try {
            UUID id = UUID.fromString(v);
            // UUID.fromString accepts short groups ("1-2-3-4-5"): require the canonical 36 characters.
            String canonical = id.toString();
            return canonical.equals(v.toLowerCase(Locale.ROOT)) ? Optional.of(canonical) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
