package org.hearthmail.tunnel.health;

/** How usable a peer (or the whole tunnel) is, from best to worst. */
public enum TunnelHealth {
    /** Recent sign of life: a current session exists and traffic passes. */
    UP,
    /** Rekeying is overdue: the session still works, but the peer has not answered lately. */
    STALE,
    /** No usable session (keys would be rejected), the peer is unknown, or the device is gone. */
    DOWN;

    /** The worse of two healths. */
    public TunnelHealth worst(TunnelHealth other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
