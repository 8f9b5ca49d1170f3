package org.hearthmail.mailstore.auth;

import java.time.Duration;

/**
 * How failed logins slow down and then ban, for one kind of key (an account, or a source IP).
 * After {@code freeFailures} failures in a row, each further attempt must wait
 * {@code baseDelay * 2^(n-1)} (capped at {@code maxDelay}) after the last failure; at
 * {@code banAfter} failures the key is banned for {@code banFor}. Failures older than
 * {@code forgetAfter} are forgotten.
 */
public record ThrottlePolicy(int freeFailures, Duration baseDelay, Duration maxDelay, int banAfter,
                             Duration banFor, Duration forgetAfter) {
    public ThrottlePolicy {
        if (freeFailures < 0 || banAfter <= freeFailures) {
            throw new IllegalArgumentException("need 0 <= freeFailures < banAfter");
        }
    }

    /** Per account: a typo-prone user is barely slowed; a guesser is stopped at 10 tries. */
    public static final ThrottlePolicy ACCOUNT_DEFAULT = new ThrottlePolicy(3, Duration.ofSeconds(1),
            Duration.ofMinutes(1), 10, Duration.ofMinutes(15), Duration.ofHours(1));

    /** Per source IP: more room (NAT, several users), longer ban. */
    public static final ThrottlePolicy IP_DEFAULT = new ThrottlePolicy(5, Duration.ofSeconds(1),
            Duration.ofMinutes(1), 20, Duration.ofHours(1), Duration.ofHours(1));
}
