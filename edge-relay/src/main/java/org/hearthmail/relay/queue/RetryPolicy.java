package org.hearthmail.relay.queue;

import java.time.Duration;

/**
 * When to try again after a temporary failure. RFC 5321 §4.5.4.1: "the retry interval SHOULD be at
 * least 30 minutes" for a given destination and "the give-up time generally needs to be at least
 * 4-5 days". The default doubles from 5 minutes up to 4 hours and gives up after 5 days.
 *
 * @param initial     delay after the first failure
 * @param max         the doubling stops here
 * @param giveUpAfter a recipient still failing this long after queueing is bounced
 * @param delayNotice a delay DSN is sent once a recipient has waited this long (RFC 3464 "delayed")
 */
public record RetryPolicy(Duration initial, Duration max, Duration giveUpAfter, Duration delayNotice) {

    public RetryPolicy {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("retry policy needs 0 < initial <= max and giveUpAfter >= 0");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofMinutes(5), Duration.ofHours(4), Duration.ofDays(5), Duration.ofHours(4));
    }

    /** The wait after {@code failedAttempts} failures (1 = the first failure). */
    public Duration delayAfter(int failedAttempts) {
        Duration d = initial;
        for (int i = 1; i < failedAttempts && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
