package org.hearthmail.dkim;

/** A DKIM key that cannot be used (undecodable, wrong type, too small). */
public final class DkimKeyException extends Exception {
    private static final long serialVersionUID = 1L;

    public DkimKeyException(String message) {
        super(message);
    }
}
