package org.hearthmail.relay.spool;

import java.io.IOException;

/** Another process (or another {@link Spool} in this one) already has the spool directory open. */
public final class SpoolLockedException extends IOException {
    private static final long serialVersionUID = 1L;

    public SpoolLockedException(String message) {
        super(message);
    }
}
