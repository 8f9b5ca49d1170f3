package org.hearthmail.relay.gate;

import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hearthmail.dns.InetAddressLiteral;

/**
 * Concurrency per address and per network, and a connection rate per address (token bucket).
 * Thread-safe: connections arrive on every event loop. Memory is bounded: counts exist only for
 * addresses with open connections, buckets for at most {@link ConnectionLimits#maxTracked()}
 * addresses (least recently used first out).
 */
public final class ConnectionLimiter {

    /** Which limit refused a connection. */
    public enum Exceeded { ADDRESS_CONCURRENCY, NETWORK_CONCURRENCY, RATE }

    /** The outcome of {@link #acquire}: a permit, or the limit that was hit. */
    public record Result(Permit permit, Exceeded exceeded) {
        public boolean admitted() {
            return permit != null;
        }
    }

    private final ConnectionLimits limits;
    private final Clock clock;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private final Map<AddressBlock, Integer> perNetwork = new HashMap<>();
    private final LinkedHashMap<InetAddress, TokenBucket> buckets = new LinkedHashMap<>(16, 0.75f, true);

    public ConnectionLimiter(ConnectionLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public synchronized Result acquire(InetAddress client) {
        InetAddress address = InetAddressLiteral.unmap(client);
        AddressBlock block = AddressBlock.of(address);
        if (perAddress.getOrDefault(address, 0) >= limits.perAddress()) {
            return new Result(null, Exceeded.ADDRESS_CONCURRENCY);
        }
        if (perNetwork.getOrDefault(block, 0) >= limits.perNetwork()) {
            return new Result(null, Exceeded.NETWORK_CONCURRENCY);
        }
        if (!bucket(address).tryTake()) {
            return new Result(null, Exceeded.RATE);
        }
        perAddress.merge(address, 1, Integer::sum);
        perNetwork.merge(block, 1, Integer::sum);
        AtomicBoolean open = new AtomicBoolean(true);
        return new Result(() -> {
            if (open.compareAndSet(true, false)) {
                release(address, block);
            }
        }, null);
    }

    public synchronized int connections(InetAddress client) {
        return perAddress.getOrDefault(InetAddressLiteral.unmap(client), 0);
    }

    synchronized int trackedBuckets() {
        return buckets.size();
    }

    private synchronized void release(InetAddress address, AddressBlock block) {
        perAddress.computeIfPresent(address, (k, n) -> n > 1 ? n - 1 : null);
        perNetwork.computeIfPresent(block, (k, n) -> n > 1 ? n - 1 : null);
    }

    private TokenBucket bucket(InetAddress address) {
        TokenBucket b = buckets.get(address);
        if (b == null) {
            if (buckets.size() >= limits.maxTracked()) {
                evict();
            }
            b = new TokenBucket(limits.burst(), limits.ratePerMinute() / 60.0, clock);
            buckets.put(address, b);
        }
        return b;
    }

    /** Drops full buckets (they hold no state), else the least recently used one. */
    private void evict() {
        Iterator<TokenBucket> it = buckets.values().iterator();
        int scanned = 0;
        while (it.hasNext() && scanned++ < 64) {
            if (it.next().full()) {
                it.remove();
                return;
            }
        }
        Iterator<InetAddress> oldest = buckets.keySet().iterator();
        oldest.next();
        oldest.remove();
    }
}
