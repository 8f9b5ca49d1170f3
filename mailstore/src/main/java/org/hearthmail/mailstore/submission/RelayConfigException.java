package org.hearthmail.mailstore.submission;

/** The relay hand-off is not (correctly) provisioned: missing credentials, bad pin. */
public final class RelayConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RelayConfigException(String message) {
        super(message);
    }
}
