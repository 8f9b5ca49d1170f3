package org.hearthmail.relay.checks;

import java.util.Locale;
import java.util.Optional;

/** What the relay does with a message that fails DMARC ({@code [auth] policy} in relay.toml). */
public enum AuthPolicy {
    /** Follow the sender's published policy: p=reject is refused, p=quarantine goes to Junk. */
    REJECT,
    /** Never refuse: p=reject and p=quarantine failures go to Junk. */
    QUARANTINE,
    /** Only record the results in Authentication-Results; the mailstore's own rules decide. */
    TAG;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AuthPolicy> of(String keyword) {
        for (AuthPolicy p : values()) {
            if (p.keyword().equals(keyword)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
