package org.hearthmail.dkim;

import java.security.PrivateKey;
import java.util.Locale;
import java.util.Objects;

/**
 * A key to sign with, published at {@code <selector>._domainkey.<domain>}.
 * {@link #toString()} never shows the key.
 */
public record DkimSigningKey(String domain, String selector, PrivateKey privateKey) {
    public DkimSigningKey {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(privateKey, "privateKey");
        domain = domain.toLowerCase(Locale.ROOT);
        if (domain.isEmpty() || selector.isEmpty() || !selector.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("bad DKIM domain or selector: " + domain + " / " + selector);
        }
        DkimKeys.algorithmOf(privateKey);
    }

    public DkimAlgorithm algorithm() {
        return DkimKeys.algorithmOf(privateKey);
    }

    @Override
    public String toString() {
        return "DkimSigningKey[" + selector + "._domainkey." + domain + ", " + algorithm().tag() + "]";
    }
}
