package org.hearthmail.smtp.server.auth;

import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.Authenticator;

/** The outcome of feeding a SASL mechanism one client response. */
public sealed interface SaslStep {

    /** Send this challenge (raw bytes; base64-encoded on the wire). */
    record Challenge(byte[] data) implements SaslStep {
    }

    /** The client sent its credentials. */
    record Done(Authenticator.Credentials credentials) implements SaslStep {
    }

    /** The exchange failed with this reply. */
    record Failed(Reply reply) implements SaslStep {
    }
}
