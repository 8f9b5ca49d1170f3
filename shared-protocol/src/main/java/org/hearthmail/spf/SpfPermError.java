package org.hearthmail.spf;

/** A condition that makes check_host() return permerror (syntax, lookup limits, RFC 7208 §2.6.7). */
public final class SpfPermError extends Exception {
    private static final long serialVersionUID = 1L;

    public SpfPermError(String message) {
        super(message, null, false, false);
    }
}
