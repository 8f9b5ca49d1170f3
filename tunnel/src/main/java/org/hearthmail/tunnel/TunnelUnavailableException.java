package org.hearthmail.tunnel;

/** The WireGuard device cannot be reached at all (daemon not running, socket gone, interface missing). */
public class TunnelUnavailableException extends TunnelException {
    private static final long serialVersionUID = 1L;

    public TunnelUnavailableException(String message) {
        super(message);
    }

    public TunnelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
