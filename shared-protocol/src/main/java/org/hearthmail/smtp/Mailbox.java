package org.hearthmail.smtp;

import java.util.Locale;

/**
 * An email address as SMTP carries it: {@code Local-part "@" ( Domain / address-literal )}
 * (RFC 5321 §4.1.2). The local part is kept exactly as sent (it may be case-sensitive, §2.4); the
 * domain is compared case-insensitively.
 */
public record Mailbox(String localPart, String domain) {

    public Mailbox {
        if (localPart.isEmpty() || domain.isEmpty()) {
            throw new IllegalArgumentException("empty local part or domain");
        }
    }

    /** The domain in lower case (ASCII only; U-labels are kept as sent). */
    public String domainLower() {
        return domain.toLowerCase(Locale.ROOT);
    }

    public boolean isAscii() {
        return localPart.chars().allMatch(c -> c < 0x80) && domain.chars().allMatch(c -> c < 0x80);
    }

    @Override
    public String toString() {
        return localPart + "@" + domain;
    }
}
