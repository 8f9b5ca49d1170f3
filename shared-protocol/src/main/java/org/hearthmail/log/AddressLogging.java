package org.hearthmail.log;

import java.util.Locale;
import java.util.Optional;

/**
 * How much of a client's IP address and of mail addresses reaches the logs ({@code [log] addresses}).
 * The default is {@link #DOMAIN}: enough to see which networks and domains mail comes from and goes
 * to, not who exactly.
 */
public enum AddressLogging {
    /** Everything as it is: for debugging a delivery problem, then switch back. */
    FULL,
    /** Mail addresses cut to {@code @domain}; IPv4 addresses to their /24, IPv6 to their /48. */
    DOMAIN,
    /**
     * Local parts and IP addresses replaced by a short keyed hash (HMAC-SHA256) whose key is
     * random, in memory only, and changes every UTC day: the same sender can be followed within a
     * day, never across days or against a list of candidates.
     */
    HASHED;

    public static final AddressLogging DEFAULT = DOMAIN;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AddressLogging> of(String keyword) {
        for (AddressLogging a : values()) {
            if (a.keyword().equals(keyword)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
