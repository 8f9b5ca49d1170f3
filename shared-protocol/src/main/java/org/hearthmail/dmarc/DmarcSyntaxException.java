package org.hearthmail.dmarc;

/** A DMARC record that cannot be used. */
public final class DmarcSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    public DmarcSyntaxException(String message) {
        super(message);
    }
}
