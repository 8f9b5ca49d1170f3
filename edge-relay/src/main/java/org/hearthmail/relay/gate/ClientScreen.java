package org.hearthmail.relay.gate;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.hearthmail.dns.DnsResolver;
import org.hearthmail.dns.InetAddressLiteral;

/**
 * The DNS checks before the greeting: DNS block and allow lists with weights against a threshold,
 * and forward-confirmed reverse DNS as a score or as a requirement. Verdicts are cached per address
 * (bounded, least recently used out) with TTLs from {@link ScreeningConfig}; the resolver does not
 * report record TTLs, so the configured ones apply. Thread-safe.
 */
public final class ClientScreen {

    private record Cached(ScreenVerdict verdict, Instant expires) { }

    private final ScreeningConfig config;
    private final Clock clock;
    private final DnsListChecker lists;
    private final FcrdnsChecker fcrdns;
    private final Map<InetAddress, Cached> cache;

    public ClientScreen(ScreeningConfig config, DnsResolver resolver, Clock clock) {
        if (config.needsDns() && resolver == null) {
            throw new IllegalArgumentException("DNS lists or FCrDNS are configured but no resolver is given");
        }
        this.config = config;
        this.clock = clock;
        this.lists = new DnsListChecker(resolver, config.zones());
        this.fcrdns = new FcrdnsChecker(resolver, config.maxPtrNames());
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Cached> eldest) {
                return size() > config.maxCached();
            }
        };
    }

    /** Completes (never exceptionally) on a resolver thread, or at once from the cache. */
    public CompletableFuture<ScreenVerdict> screen(InetAddress client) {
        if (!config.needsDns()) {
            return CompletableFuture.completedFuture(ScreenVerdict.PASS_UNCHECKED);
        }
        InetAddress address = InetAddressLiteral.unmap(client);
        synchronized (cache) {
            Cached c = cache.get(address);
            if (c != null && clock.instant().isBefore(c.expires())) {
                return CompletableFuture.completedFuture(c.verdict());
            }
        }
        CompletableFuture<DnsListResult> listed = config.zones().isEmpty()
                ? CompletableFuture.completedFuture(new DnsListResult(0, List.of(), List.of(), List.of()))
                : lists.check(address);
        CompletableFuture<FcrdnsResult> named = config.fcrdns() == FcrdnsMode.OFF
                ? CompletableFuture.completedFuture(new FcrdnsResult.NotChecked())
                : fcrdns.check(address);
        return listed.thenCombine(named, (l, n) -> {
            ScreenVerdict verdict = decide(address, l, n);
            boolean uncertain = !l.failed().isEmpty() || n instanceof FcrdnsResult.TempFailed;
            Duration ttl = uncertain ? config.tempFailTtl()
                    : verdict instanceof ScreenVerdict.Pass ? config.passTtl() : config.refuseTtl();
            synchronized (cache) {
                cache.put(address, new Cached(verdict, clock.instant().plus(ttl)));
            }
            return verdict;
        });
    }

    private ScreenVerdict decide(InetAddress address, DnsListResult l, FcrdnsResult n) {
        String ip = "[" + address.getHostAddress() + "]";
        String name = n instanceof FcrdnsResult.Confirmed c ? c.name() : null;
        int score = l.score();
        if (config.fcrdns() == FcrdnsMode.SCORE && n instanceof FcrdnsResult.Unconfirmed) {
            score += config.fcrdnsWeight();
        }
        if (score >= config.threshold()) {
            List<String> why = new ArrayList<>(l.listedOn());
            if (config.fcrdns() == FcrdnsMode.SCORE && n instanceof FcrdnsResult.Unconfirmed) {
                why.add("no forward-confirmed host name");
            }
            return new ScreenVerdict.Refuse(
                    GateReplies.refused("Service unavailable; client " + ip + " blocked using " + String.join(", ", why)),
                    "score " + score + " >= " + config.threshold() + ": " + String.join(", ", why));
        }
        // An allow-listed client needs no host name.
        if (config.fcrdns() == FcrdnsMode.REQUIRED && l.allowedBy().isEmpty()) {
            if (n instanceof FcrdnsResult.Unconfirmed u) {
                return new ScreenVerdict.Refuse(
                        GateReplies.refused("Client host rejected: cannot find your host name, " + ip),
                        "FCrDNS: " + u.why());
            }
            if (n instanceof FcrdnsResult.TempFailed t) {
                return new ScreenVerdict.Refuse(
                        GateReplies.tempRefused("Client host rejected: cannot find your host name, " + ip + ", try again later"),
                        "FCrDNS: " + t.why());
            }
        }
        return new ScreenVerdict.Pass(name, score);
    }
}
