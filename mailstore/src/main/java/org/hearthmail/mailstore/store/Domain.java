package org.hearthmail.mailstore.store;

/** A mail domain this installation hosts. {@code name} is lower case, without trailing dot. */
public record Domain(long id, String name) {
    public Domain {
        name = MailAddress.normalizeDomain(name);
    }
}
