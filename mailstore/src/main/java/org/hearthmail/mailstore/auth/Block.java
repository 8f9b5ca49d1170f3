package org.hearthmail.mailstore.auth;

import java.time.Instant;

/**
 * A login may not be tried before {@code until}.
 *
 * @param scope what is blocked: the account, or the source IP
 * @param banned true for a ban, false for back-off
 */
public record Block(Scope scope, Instant until, boolean banned) {
    public enum Scope { ACCOUNT, SOURCE_IP }
}
