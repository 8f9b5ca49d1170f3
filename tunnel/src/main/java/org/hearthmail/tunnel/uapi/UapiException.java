package org.hearthmail.tunnel.uapi;

import org.hearthmail.tunnel.TunnelException;

/** The daemon answered a UAPI request with a non-zero {@code errno}, or answered nonsense. */
public final class UapiException extends TunnelException {
    private static final long serialVersionUID = 1L;
    private final int errno;

    public UapiException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The errno the daemon reported, or -1 when the reply itself was malformed. */
    public int errno() {
        return errno;
    }
}
