package org.hearthmail.tunnel;

/** Neither a kernel nor a userspace WireGuard is usable here; the message says what to install. */
public final class NoBackendAvailableException extends TunnelException {
    private static final long serialVersionUID = 1L;

    public NoBackendAvailableException(String message) {
        super(message);
    }
}
