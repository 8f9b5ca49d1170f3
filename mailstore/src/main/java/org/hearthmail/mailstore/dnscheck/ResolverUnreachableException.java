package org.hearthmail.mailstore.dnscheck;

/** The resolver did not answer at all, so no record can be judged. */
public final class ResolverUnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ResolverUnreachableException(String message) {
        super(message);
    }
}
