package org.hearthmail.smtp.client;

/** The TLS handshake after STARTTLS failed, or the {@link TlsPolicy} rejected the peer. */
public final class SmtpTlsException extends SmtpClientException {

    private static final long serialVersionUID = 1L;

    public SmtpTlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
