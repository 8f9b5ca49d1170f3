package org.hearthmail.smtp.client;

import java.io.IOException;

/**
 * Every failure the SMTP client reports. The subclasses are the closed set of reasons a command
 * can fail without an ordinary reply: the server broke the protocol, a timer ran out, the
 * connection dropped, TLS could not be set up, or the server refused a command that must succeed
 * for the session to continue (greeting, EHLO/HELO, STARTTLS, AUTH, XCLIENT).
 *
 * <p>Messages are meant for logs and operators; they never contain AUTH payloads.
 */
public abstract sealed class SmtpClientException extends IOException
        permits SmtpProtocolException, SmtpTimeoutException, SmtpConnectionException,
                SmtpTlsException, SmtpReplyException {

    private static final long serialVersionUID = 1L;

    protected SmtpClientException(String message) {
        super(message);
    }

    protected SmtpClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
