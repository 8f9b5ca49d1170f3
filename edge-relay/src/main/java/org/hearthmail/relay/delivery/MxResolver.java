package org.hearthmail.relay.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.hearthmail.dns.DnsResolver;
import org.hearthmail.dns.DnsResult;
import org.hearthmail.dns.MxHost;

/** Finds the hosts that take mail for a domain. */
public final class MxResolver {
    private final DnsResolver dns;
    private final Random random;

    public MxResolver(DnsResolver dns, Random random) {
        this.dns = dns;
        this.random = random;
    }

    public CompletableFuture<MxRoute> resolve(String domain) {
        return dns.mx(domain).thenCompose(r -> {
            if (r instanceof DnsResult.TempFail<MxHost> t) {
                return CompletableFuture.completedFuture(new MxRoute.TempFail("MX lookup for " + domain + ": " + t.cause() + " " + t.detail()));
            }
            if (r instanceof DnsResult.NxDomain<MxHost>) {
                return CompletableFuture.completedFuture(new MxRoute.NoSuchDomain("domain " + domain + " does not exist"));
            }
            if (r instanceof DnsResult.Found<MxHost> f) {
                return CompletableFuture.completedFuture(fromRecords(f.records()));
            }
            return implicitMx(domain);
        });
    }

    /**
     * RFC 5321 §5.1: "If an empty list of MXs is returned, the address is treated as if it was
     * associated with an implicit MX RR, with a preference of 0, pointing to that host."
     */
    private CompletableFuture<MxRoute> implicitMx(String domain) {
        CompletableFuture<DnsResult<java.net.Inet4Address>> a = dns.a(domain);
        CompletableFuture<DnsResult<java.net.Inet6Address>> aaaa = dns.aaaa(domain);
        return a.thenCombine(aaaa, (r4, r6) -> {
            if (r4 instanceof DnsResult.Found || r6 instanceof DnsResult.Found) {
                return new MxRoute.Hosts(List.of(domain), true);
            }
            if (r4.isTempFail() || r6.isTempFail()) {
                return new MxRoute.TempFail("address lookup for " + domain + " failed temporarily");
            }
            return new MxRoute.NoSuchDomain("domain " + domain + " has no MX and no address records");
        });
    }

    MxRoute fromRecords(List<MxHost> records) {
        // RFC 7505 §3: a single MX with preference 0 and an empty (root) exchange means "no mail".
        if (records.size() == 1 && records.get(0).host().isEmpty()) {
            return new MxRoute.NullMx();
        }
        // RFC 7505 §3: a null MX mixed with other MX records is a misconfiguration; skip the null one.
        Map<Integer, List<String>> byPref = new TreeMap<>();
        for (MxHost mx : records) {
            if (!mx.host().isEmpty()) {
                byPref.computeIfAbsent(mx.preference(), p -> new ArrayList<>()).add(mx.host());
            }
        }
        if (byPref.isEmpty()) {
            return new MxRoute.NullMx();
        }
        // RFC 5321 §5.1: lowest preference first; "randomize ... if there are multiple destinations
        // with the same preference" to spread load.
        List<String> ordered = new ArrayList<>();
        for (List<String> same : byPref.values()) {
            List<String> shuffled = new ArrayList<>(same);
            shuffled.sort(Comparator.naturalOrder());
            Collections.shuffle(shuffled, random);
            for (String h : shuffled) {
                if (!ordered.contains(h)) {
                    ordered.add(h);
                }
            }
        }
        return new MxRoute.Hosts(ordered, false);
    }
}
