package org.hearthmail.relay.gate;

import java.time.Clock;

/**
 * A token bucket: holds up to {@code capacity} tokens, refilled continuously at {@code perSecond}.
 * Not thread-safe; the owner synchronises.
 */
final class TokenBucket {

    private final double capacity;
    private final double perMilli;
    private final Clock clock;
    private double tokens;
    private long lastMillis;

    TokenBucket(int capacity, double perSecond, Clock clock) {
        this.capacity = capacity;
        this.perMilli = perSecond / 1000.0;
        this.clock = clock;
        this.tokens = capacity;
        this.lastMillis = clock.millis();
    }

    /** Takes one token if there is one. */
    boolean tryTake() {
        refill();
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }

    /** True when the bucket is full again, i.e. forgetting it changes nothing. */
    boolean full() {
        refill();
        return tokens >= capacity;
    }

    private void refill() {
        long now = clock.millis();
        if (now > lastMillis) {
            tokens = Math.min(capacity, tokens + (now - lastMillis) * perMilli);
        }
        // A clock stepping back is ignored rather than draining or overfilling the bucket.
        lastMillis = Math.max(lastMillis, now);
    }
}
