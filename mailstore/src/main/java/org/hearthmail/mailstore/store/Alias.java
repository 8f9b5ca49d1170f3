package org.hearthmail.mailstore.store;

/**
 * An address that delivers to a user. {@code localPart} is empty for a catch-all alias, written
 * {@code @domain}, which receives mail for every address of the domain that matches nothing else.
 */
public record Alias(long id, String localPart, String domain, long userId) {
    public Alias {
        localPart = localPart.isEmpty() ? "" : MailAddress.normalizeLocal(localPart);
        domain = MailAddress.normalizeDomain(domain);
    }

    public boolean isCatchAll() {
        return localPart.isEmpty();
    }

    /** {@code local@domain}, or {@code @domain} for a catch-all. */
    public String source() {
        return localPart + "@" + domain;
    }
}
