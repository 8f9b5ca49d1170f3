package org.hearthmail.dkim;

import java.util.Optional;

/** Signing algorithms this implementation accepts (RFC 8301 §3.1 drops rsa-sha1; RFC 8463 adds Ed25519). */
public enum DkimAlgorithm {
    RSA_SHA256("rsa-sha256", "rsa"),
    ED25519_SHA256("ed25519-sha256", "ed25519");

    private final String tag;
    private final String keyType;

    DkimAlgorithm(String tag, String keyType) {
        this.tag = tag;
        this.keyType = keyType;
    }

    /** The a= value. */
    public String tag() {
        return tag;
    }

    /** The k= value of a matching key record. */
    public String keyType() {
        return keyType;
    }

    public static Optional<DkimAlgorithm> of(String tag) {
        for (DkimAlgorithm a : values()) {
            if (a.tag.equalsIgnoreCase(tag)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
