package org.hearthmail.mailstore.store;

import java.time.Instant;

/**
 * A password for one client (phone, laptop), revocable on its own. {@code hash} is the stored
 * verifier, never the password.
 */
public record AppPassword(long id, long userId, String label, String hash, Instant createdAt) {
    @Override
    public String toString() {
        return "AppPassword[id=" + id + ", userId=" + userId + ", label=" + label + ", createdAt=" + createdAt + "]";
    }
}
