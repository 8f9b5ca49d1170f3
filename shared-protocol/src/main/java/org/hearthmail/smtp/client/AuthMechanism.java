package org.hearthmail.smtp.client;

/** SASL mechanisms the client speaks (RFC 4954). Both send the password in the clear: use them only over TLS. */
public enum AuthMechanism {
    /** RFC 4616, sent as an initial response (RFC 4954 §4). */
    PLAIN,
    /** The de-facto LOGIN mechanism (draft-murchison-sasl-login): username and password answer two 334 challenges. */
    LOGIN
}
