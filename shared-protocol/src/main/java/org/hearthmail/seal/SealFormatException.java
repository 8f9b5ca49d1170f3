package org.hearthmail.seal;

/** The header is not one this code writes: wrong magic, unknown version, bad segment size. */
public final class SealFormatException extends SealException {
    private static final long serialVersionUID = 1L;

    public SealFormatException(String message) {
        super(message);
    }
}
