package org.hearthmail.dns;

import java.util.Objects;

/** One MX record: preference and exchange host name (lower case, no trailing dot). */
public record MxHost(int preference, String host) {
    public MxHost {
        Objects.requireNonNull(host, "host");
        if (preference < 0 || preference > 0xFFFF) {
            throw new IllegalArgumentException("MX preference out of range: " + preference);
        }
    }
}
