package org.hearthmail.mailstore.auth;

/** An Argon2id computation failed (never a wrong password: that is a normal non-match). */
public final class Argon2Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Argon2Exception(String message) {
        super(message);
    }

    Argon2Exception(String message, Throwable cause) {
        super(message, cause);
    }
}
