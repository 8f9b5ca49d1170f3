package org.hearthmail.mailstore.dkim;

/** The DKIM key directory cannot be read or written, or holds something invalid. */
public final class DkimStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DkimStoreException(String message) {
        super(message);
    }

    public DkimStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
