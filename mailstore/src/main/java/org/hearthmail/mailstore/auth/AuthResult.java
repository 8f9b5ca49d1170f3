package org.hearthmail.mailstore.auth;

import org.hearthmail.mailstore.store.User;

/** Outcome of one login attempt. */
public sealed interface AuthResult {

    /** Logged in; {@code appPasswordId} is the app password used, or 0 for the account password. */
    record Success(User user, long appPasswordId) implements AuthResult {
        public boolean viaAppPassword() {
            return appPasswordId != 0;
        }
    }

    /** Wrong user name or password (the two are not told apart). */
    record Failure() implements AuthResult {
    }

    /** Not tried: back-off or ban in force. The password was not checked. */
    record Throttled(Block block) implements AuthResult {
    }
}
