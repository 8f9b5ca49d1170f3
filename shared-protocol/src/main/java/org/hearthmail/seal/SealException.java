package org.hearthmail.seal;

import java.io.IOException;

/**
 * A sealed stream could not be opened or read. An {@code IOException} because it surfaces from
 * {@link java.io.InputStream#read}; the subclasses say whether the bytes are not a sealed stream
 * at all ({@link SealFormatException}) or were altered, cut short or sealed to another key
 * ({@link SealIntegrityException}). Messages never contain key material or plaintext.
 */
public abstract sealed class SealException extends IOException permits SealFormatException, SealIntegrityException {
    private static final long serialVersionUID = 1L;

    protected SealException(String message) {
        super(message);
    }
}
