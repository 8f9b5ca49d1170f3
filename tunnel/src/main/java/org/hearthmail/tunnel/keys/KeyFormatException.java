package org.hearthmail.tunnel.keys;

/** A text did not hold a well-formed 32-byte WireGuard key. The message never contains the text. */
public final class KeyFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public KeyFormatException(String message) {
        super(message);
    }
}
