package org.hearthmail.smtp.client;

import java.time.Duration;

/**
 * A command did not get its reply (or a data block could not be sent) within its time limit
 * (RFC 5321 §4.5.3.2). The session is closed when this is raised: its state is unknown.
 */
public final class SmtpTimeoutException extends SmtpClientException {

    private static final long serialVersionUID = 1L;

    private final String command;
    private final Duration limit;

    public SmtpTimeoutException(String command, Duration limit) {
        super("no reply to " + command + " within " + limit.toMillis() + " ms");
        this.command = command;
        this.limit = limit;
    }

    /** The verb that timed out, e.g. {@code "RCPT"} or {@code "DATA block"}; never its arguments. */
    public String command() {
        return command;
    }

    public Duration limit() {
        return limit;
    }
}
