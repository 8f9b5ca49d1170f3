package org.hearthmail.dkim;

/** A message that cannot be signed, or a key that failed. The message never contains key material. */
public final class DkimSigningException extends Exception {
    private static final long serialVersionUID = 1L;

    public DkimSigningException(String message) {
        super(message);
    }
}
