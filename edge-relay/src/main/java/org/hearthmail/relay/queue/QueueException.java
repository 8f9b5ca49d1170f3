package org.hearthmail.relay.queue;

/** A queue operation failed: disk error, unreadable metadata, or an unknown id. */
public class QueueException extends RuntimeException {
    public QueueException(String message) {
        super(message);
    }

    public QueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
