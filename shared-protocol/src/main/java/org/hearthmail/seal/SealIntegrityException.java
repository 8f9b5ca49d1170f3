package org.hearthmail.seal;

/**
 * A segment failed authentication, or the stream ended before its final segment, or bytes follow
 * the final segment. One class for all three on purpose: an attacker who altered the stream learns
 * nothing from which check failed, and a wrong private key looks exactly like tampering.
 */
public final class SealIntegrityException extends SealException {
    private static final long serialVersionUID = 1L;

    public SealIntegrityException(String message) {
        super(message);
    }
}
