package org.hearthmail.dmarc;

import java.util.Locale;
import java.util.Optional;

/** RFC 7489 §6.3 p= and sp= values. */
public enum DmarcPolicy {
    NONE, QUARANTINE, REJECT;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<DmarcPolicy> of(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "none" -> Optional.of(NONE);
            case "quarantine" -> Optional.of(QUARANTINE);
            case "reject" -> Optional.of(REJECT);
            default -> Optional.empty();
        };
    }

    /** RFC 7489 §6.6.4: the next less strict policy, for messages sampled out by pct=. */
    DmarcPolicy weaker() {
        return this == REJECT ? QUARANTINE : NONE;
    }
}
