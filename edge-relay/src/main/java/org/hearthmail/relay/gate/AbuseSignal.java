package org.hearthmail.relay.gate;

/** Misbehaviour the gate sees or is told about; enough of it within a window leads to a ban. */
public enum AbuseSignal {
    /** Sent data before the greeting (RFC 5321 §4.3.1); bots do, real MTAs do not: banned at once. */
    EARLY_TALKER(true),
    /** The SMTP session closed the connection for too many protocol errors. */
    PROTOCOL_ERRORS(false),
    /** Hit a connection limit. */
    LIMIT_EXCEEDED(false);

    private final boolean immediate;

    AbuseSignal(boolean immediate) {
        this.immediate = immediate;
    }

    /** True when one occurrence is enough for a ban. */
    public boolean immediate() {
        return immediate;
    }
}
