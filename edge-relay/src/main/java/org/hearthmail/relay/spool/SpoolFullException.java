package org.hearthmail.relay.spool;

import java.io.IOException;
import org.hearthmail.smtp.Reply;

/** Accepting (more of) this message would take the spool past its byte limit. */
public final class SpoolFullException extends IOException {
    private static final long serialVersionUID = 1L;

    public SpoolFullException(String message) {
        super(message);
    }

    /** RFC 3463 §3.4 X.3.1 "Mail system full": 452 4.3.1, so the sender retries later. */
    public Reply reply() {
        return Reply.INSUFFICIENT_STORAGE;
    }
}
