package org.hearthmail.smtp.client;

/** The TCP connection could not be opened, or it closed while a reply was awaited. */
public final class SmtpConnectionException extends SmtpClientException {

    private static final long serialVersionUID = 1L;

    public SmtpConnectionException(String message) {
        super(message);
    }

    public SmtpConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
