package org.hearthmail.relay.delivery.tlsrpt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts TLS sessions per recipient domain and policy for the daily TLS report (RFC 8460 §4):
 * successes, and failures by result type and MX host. In memory: a restart loses the day so far.
 */
public final class TlsReportCollector {

    /** Policy kinds of RFC 8460 §4.4 "policy-type". */
    public enum PolicyType {
        STS("sts"), TLSA("tlsa"), NO_POLICY_FOUND("no-policy-found");

        public final String json;

        PolicyType(String json) {
            this.json = json;
        }
    }

    /** One failure class: result type and the receiving MX. */
    public record Failure(String resultType, String receivingMxHostname, String receivingIp) {
    }

    /** What one (domain, policy) saw. */
    public record Counts(long success, Map<Failure, Long> failures) {
        public long failureTotal() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Domain and policy type with the policy's text lines (RFC 8460 §4.4 "policy-string"). */
    public record PolicyKey(String domain, PolicyType type, List<String> policyStrings) {
        public PolicyKey {
            policyStrings = List.copyOf(policyStrings);
        }
    }

    private final Map<PolicyKey, AtomicLong> successes = new ConcurrentHashMap<>();
    private final Map<PolicyKey, Map<Failure, AtomicLong>> failures = new ConcurrentHashMap<>();

    public void success(PolicyKey key) {
        successes.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    public void failure(PolicyKey key, Failure f) {
        failures.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).computeIfAbsent(f, x -> new AtomicLong()).incrementAndGet();
    }

    /** Everything counted since the last drain, and a fresh start. */
    public synchronized Map<PolicyKey, Counts> drain() {
        Map<PolicyKey, Counts> out = new HashMap<>();
        for (PolicyKey k : successes.keySet()) {
            AtomicLong c = successes.remove(k);
            out.put(k, new Counts(c == null ? 0 : c.get(), Map.of()));
        }
        for (PolicyKey k : failures.keySet()) {
            Map<Failure, AtomicLong> m = failures.remove(k);
            Map<Failure, Long> f = new HashMap<>();
            if (m != null) {
                m.forEach((x, n) -> f.put(x, n.get()));
            }
            Counts prev = out.get(k);
            out.put(k, new Counts(prev == null ? 0 : prev.success(), f));
        }
        return out;
    }
}
