package org.hearthmail.relay.queue;

/**
 * Decides whether an attempt to a destination may start now (rate limits, warm-up caps). Consulted
 * by the scheduler for MX deliveries only; a refused attempt simply waits for a later scan.
 */
@FunctionalInterface
public interface Throttle {

    /** Takes {@code recipients} units of allowance for {@code destination} if available. */
    boolean tryAcquire(String destination, int recipients, long nowMillis);

    Throttle NONE = (d, n, t) -> true;

    /** Both must allow; the first one's allowance is not given back when the second refuses (conservative). */
    default Throttle and(Throttle other) {
        return (d, n, t) -> tryAcquire(d, n, t) && other.tryAcquire(d, n, t);
    }
}
