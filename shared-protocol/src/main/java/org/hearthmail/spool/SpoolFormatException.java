package org.hearthmail.spool;

import java.io.IOException;

/** The sealed payload authenticated but its spool layout is not one this code reads. */
public final class SpoolFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public SpoolFormatException(String message) {
        super(message);
    }
}
