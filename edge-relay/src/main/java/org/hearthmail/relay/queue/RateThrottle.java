package org.hearthmail.relay.queue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code perMinute} attempts per destination domain in any sliding minute (a token bucket
 * refilled continuously). Large receivers throttle senders that open too many transactions at once.
 */
public final class RateThrottle implements Throttle {
    private final int perMinute;
    private final Map<String, double[]> buckets = new ConcurrentHashMap<>(); // {tokens, lastMillis}

    public RateThrottle(int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be positive");
        }
        this.perMinute = perMinute;
    }

    @Override
    public boolean tryAcquire(String destination, int recipients, long nowMillis) {
        double[] b = buckets.computeIfAbsent(destination, k -> new double[] {perMinute, nowMillis});
        synchronized (b) {
            b[0] = Math.min(perMinute, b[0] + (nowMillis - b[1]) * perMinute / 60_000.0);
            b[1] = nowMillis;
            if (b[0] >= 1) {
                b[0] -= 1;
                return true;
            }
            return false;
        }
    }
}
