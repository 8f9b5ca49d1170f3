package org.hearthmail.mailstore.dkim;

import java.time.Instant;
import java.util.Objects;

/**
 * One selector name and where it is in its life.
 *
 * @param name           base name, e.g. {@code hm20250301}; the DNS selectors add {@code -ed25519} and {@code -rsa}
 * @param created        when its keys were made
 * @param publishedUntil null while active (signing); after rotation, the end of the grace period
 *                       during which the public keys stay in DNS for mail signed before
 */
public record DkimSelector(String name, Instant created, Instant publishedUntil) {

    /** Our names: a letter first, then letters and digits (a DNS label, RFC 6376 §3.1 selector syntax). */
    private static final String NAME = "[a-z][a-z0-9]{0,40}";

    public DkimSelector {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(created, "created");
        if (!name.matches(NAME)) {
            throw new IllegalArgumentException("bad DKIM selector name \"" + name + "\" (expected " + NAME + ")");
        }
    }

    public boolean active() {
        return publishedUntil == null;
    }

    /** Still to be published in DNS at {@code now}. */
    public boolean published(Instant now) {
        return publishedUntil == null || now.isBefore(publishedUntil);
    }

    public String ed25519Selector() {
        return name + "-ed25519";
    }

    public String rsaSelector() {
        return name + "-rsa";
    }

    DkimSelector retire(Instant until) {
        return new DkimSelector(name, created, until);
    }
}
