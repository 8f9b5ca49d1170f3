package org.hearthmail.e2e.testbed;

/** A testbed step failed (a command exited non-zero, a service did not come up in time). */
public final class TestbedException extends RuntimeException {
    public TestbedException(String message) {
        super(message);
    }

    public TestbedException(String message, Throwable cause) {
        super(message, cause);
    }
}
