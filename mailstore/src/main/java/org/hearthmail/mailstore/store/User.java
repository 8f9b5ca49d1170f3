package org.hearthmail.mailstore.store;

/** A mail account. Its address is {@code localPart@domain}, both lower case. */
public record User(long id, String localPart, String domain) {
    public User {
        localPart = MailAddress.normalizeLocal(localPart);
        domain = MailAddress.normalizeDomain(domain);
    }

    public String address() {
        return localPart + "@" + domain;
    }
}
