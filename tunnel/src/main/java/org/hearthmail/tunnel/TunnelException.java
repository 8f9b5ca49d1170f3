package org.hearthmail.tunnel;

/** A tunnel operation failed; the message is meant for an operator and holds no secret. */
public class TunnelException extends Exception {
    private static final long serialVersionUID = 1L;

    public TunnelException(String message) {
        super(message);
    }

    public TunnelException(String message, Throwable cause) {
        super(message, cause);
    }
}
