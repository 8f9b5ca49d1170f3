package org.hearthmail.dkim;

/** A DKIM-Signature header or key record that does not follow RFC 6376's syntax. */
public final class DkimSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    public DkimSyntaxException(String message) {
        super(message);
    }
}
