package org.hearthmail.relay.delivery.sts;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.hearthmail.dns.DnsResolver;
import org.hearthmail.dns.DnsResult;

/**
 * Discovers and caches MTA-STS policies (RFC 8461 §3, §5.1): the {@code _mta-sts} TXT record, a fetch
 * when its id differs from the cached policy's, and the cached policy while it is fresh when the
 * record or the fetch is unavailable (which defeats an attacker who blocks them).
 */
public final class MtaStsPolicies {

    private record Cached(MtaStsPolicy policy, String id, long expiresMillis) {
    }

    private final DnsResolver dns;
    private final MtaStsFetcher fetcher;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public MtaStsPolicies(DnsResolver dns, MtaStsFetcher fetcher, Clock clock) {
        this.dns = dns;
        this.fetcher = fetcher;
        this.clock = clock;
    }

    /** The policy to apply to {@code domain}, or empty (no policy: opportunistic TLS). */
    public CompletableFuture<Optional<MtaStsPolicy>> policy(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        long now = clock.millis();
        Cached cached = cache.get(d);
        Optional<MtaStsPolicy> fresh = cached != null && cached.expiresMillis() > now
                ? Optional.of(cached.policy()) : Optional.empty();
        return dns.txt("_mta-sts." + d).thenCompose(txt -> {
            List<String> records = txt instanceof DnsResult.Found<String> f ? f.records() : List.of();
            Optional<MtaStsRecord> rec = MtaStsRecord.select(records);
            if (rec.isEmpty()) {
                return CompletableFuture.completedFuture(fresh);
            }
            if (cached != null && fresh.isPresent() && cached.id().equals(rec.get().id())) {
                return CompletableFuture.completedFuture(fresh);
            }
            return fetcher.fetch(d).thenApply(p -> {
                if (p.isEmpty()) {
                    return fresh;
                }
                cache.put(d, new Cached(p.get(), rec.get().id(), clock.millis() + p.get().maxAgeSeconds() * 1000));
                return p;
            });
        });
    }
}
