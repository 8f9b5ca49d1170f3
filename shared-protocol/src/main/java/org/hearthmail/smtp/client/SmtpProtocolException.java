package org.hearthmail.smtp.client;

/** The server sent bytes that are not a well-formed SMTP reply, or a reply at the wrong time. */
public final class SmtpProtocolException extends SmtpClientException {

    private static final long serialVersionUID = 1L;

    public SmtpProtocolException(String message) {
        super(message);
    }
}
