package org.hearthmail.relay.spool;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential back-off between drain attempts: {@code initial * multiplier^(failures-1)}, capped
 * at {@code max}. No jitter: one relay retries one mailstore, there is no herd to spread.
 */
public record Backoff(Duration initial, Duration max, double multiplier) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 2.0);

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || multiplier < 1.0) {
            throw new IllegalArgumentException("back-off needs 0 < initial <= max and multiplier >= 1");
        }
    }

    /** The wait after the {@code failures}-th consecutive failure (1 for the first). */
    public Duration delayAfter(int failures) {
        double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, failures - 1));
        return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
    }
}
