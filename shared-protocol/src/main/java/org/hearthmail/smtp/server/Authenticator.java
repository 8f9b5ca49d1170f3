package org.hearthmail.smtp.server;

import java.util.concurrent.CompletionStage;
import org.hearthmail.smtp.Reply;

/**
 * Checks SASL credentials (RFC 4954). Implementations must not block the caller's thread and must
 * never log the password.
 */
@FunctionalInterface
public interface Authenticator {

    CompletionStage<Result> authenticate(SessionInfo session, Credentials credentials);

    /** A user name and password as the client sent them; {@code authzid} may be empty (RFC 4616 §2). */
    record Credentials(String authzid, String username, char[] password) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=<redacted>]";
        }
    }

    sealed interface Result {
        record Success(String identity) implements Result {
        }

        /** 535 5.7.8 for bad credentials, 454 4.7.0 for a temporary failure, 421 to disconnect. */
        record Failure(Reply reply) implements Result {
        }
    }
}
