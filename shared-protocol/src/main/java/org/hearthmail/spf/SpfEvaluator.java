package org.hearthmail.spf;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.hearthmail.dns.DnsResolver;
import org.hearthmail.dns.DnsResult;
import org.hearthmail.dns.MxHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * check_host() (RFC 7208 §4) as a chain of futures. One instance per evaluation: it carries the
 * lookup and void-lookup counters shared by every include and redirect.
 */
final class SpfEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(SpfEvaluator.class);
    // RFC 7208 §4.6.4: at most 10 DNS-querying terms, at most 2 void lookups.
    static final int MAX_LOOKUPS = 10;
    static final int MAX_VOID_LOOKUPS = 2;
    // RFC 7208 §4.6.4: at most 10 address lookups per mx, at most 10 PTR names considered.
    static final int MAX_MX_ADDRESS_LOOKUPS = 10;
    static final int MAX_PTR_NAMES = 10;
    // RFC 7208 §7.3: an expanded domain name is truncated to 253 characters.
    static final int MAX_DOMAIN_LENGTH = 253;

    private final DnsResolver dns;
    private int lookups;
    private int voids;

    SpfEvaluator(DnsResolver dns) {
        this.dns = dns;
    }

    int lookups() {
        return lookups;
    }

    /** check_host(); never completes exceptionally. */
    CompletableFuture<Outcome> run(MacroContext ctx) {
        return checkHost(ctx).handle((o, e) -> {
            if (e == null) {
                return o;
            }
            SpfAbort abort = SpfAbort.unwrap(e);
            if (abort != null) {
                return Outcome.of(abort.result(), abort.getMessage());
            }
            // A bug, not a policy outcome: say so loudly, but keep the mail flowing with temperror.
            LOG.warn("SPF evaluation for {} failed unexpectedly", ctx.domain(), e);
            return Outcome.of(SpfResult.TEMPERROR, "internal error: " + e.getClass().getSimpleName());
        });
    }

    private CompletableFuture<Outcome> checkHost(MacroContext ctx) {
        String domain = ctx.domain();
        // RFC 7208 §4.3: a malformed or single-label domain yields "none".
        if (!isValidDomain(domain) || domain.indexOf('.') < 0) {
            return done(Outcome.of(SpfResult.NONE, "malformed domain"));
        }
        return dns.txt(domain).thenCompose(txt -> {
            // RFC 7208 §4.4: DNS errors are temperror; NXDOMAIN or no records mean "none".
            if (txt.isTempFail()) {
                return done(Outcome.of(SpfResult.TEMPERROR, "DNS error looking up SPF record of " + domain));
            }
            List<String> spf = txt.records().stream().filter(SpfRecordParser::isSpfRecord).toList();
            if (spf.isEmpty()) {
                return done(Outcome.of(SpfResult.NONE, "no SPF record at " + domain));
            }
            // RFC 7208 §4.5: more than one record is a permerror.
            if (spf.size() > 1) {
                return done(Outcome.of(SpfResult.PERMERROR, "more than one SPF record at " + domain));
            }
            SpfRecord record;
            try {
                record = SpfRecordParser.parse(spf.get(0));
            } catch (SpfPermError e) {
                return done(Outcome.of(SpfResult.PERMERROR, e.getMessage()));
            }
            return evaluate(record, 0, ctx);
        });
    }

    /** RFC 7208 §4.6.2: mechanisms in order; the first match decides. */
    private CompletableFuture<Outcome> evaluate(SpfRecord record, int from, MacroContext ctx) {
        List<SpfRecord.Directive> ds = record.directives();
        for (int i = from; i < ds.size(); i++) {
            SpfRecord.Directive d = ds.get(i);
            Mechanism m = d.mechanism();
            if (!m.countsAsLookup()) {
                // Evaluated inline so that long lists of ip4/ip6 do not nest futures.
                if (matchesLocally(m, ctx.ip())) {
                    return matched(record, d, ctx);
                }
                continue;
            }
            countLookup();
            int next = i + 1;
            return matches(m, ctx).thenCompose(hit -> hit ? matched(record, d, ctx) : evaluate(record, next, ctx));
        }
        Optional<String> redirect = record.effectiveRedirect();
        if (redirect.isEmpty()) {
            // RFC 7208 §4.7: no match and no redirect: neutral.
            return done(Outcome.of(SpfResult.NEUTRAL, "no mechanism matched"));
        }
        countLookup();
        return expandDomain(redirect.get(), ctx).thenCompose(target -> checkHost(ctx.withDomain(target)))
                .thenApply(o -> {
                    // RFC 7208 §6.1: a redirect target without an SPF record is a permerror.
                    if (o.result() == SpfResult.NONE) {
                        return Outcome.of(SpfResult.PERMERROR, "redirect target has no SPF record: " + o.reason());
                    }
                    return o;
                });
    }

    private CompletableFuture<Outcome> matched(SpfRecord record, SpfRecord.Directive d, MacroContext ctx) {
        SpfResult result = d.qualifier().result();
        String reason = "matched " + describe(d);
        if (result == SpfResult.FAIL && record.exp().isPresent()) {
            return explanation(record.exp().get(), ctx).thenApply(text -> new Outcome(result, reason, text));
        }
        return done(Outcome.of(result, reason));
    }

    private static boolean matchesLocally(Mechanism m, InetAddress ip) {
        if (m instanceof Mechanism.All) {
            return true;
        }
        if (m instanceof Mechanism.Ip4 n) {
            return Cidr.contains(n.network(), n.prefix(), ip);
        }
        if (m instanceof Mechanism.Ip6 n) {
            return Cidr.contains(n.network(), n.prefix(), ip);
        }
        throw new IllegalArgumentException("needs DNS: " + m);
    }

    private CompletableFuture<Boolean> matches(Mechanism m, MacroContext ctx) {
        if (m instanceof Mechanism.Include inc) {
            return expandDomain(inc.domainSpec(), ctx).thenCompose(t -> checkHost(ctx.withDomain(t)))
                    .thenApply(SpfEvaluator::includeMatches);
        }
        if (m instanceof Mechanism.A a) {
            return target(a.domainSpec(), ctx).thenCompose(t -> addressMatch(t, ctx.ip(), a.prefix4(), a.prefix6()));
        }
        if (m instanceof Mechanism.Mx mx) {
            return target(mx.domainSpec(), ctx).thenCompose(t -> mxMatch(t, ctx.ip(), mx.prefix4(), mx.prefix6()));
        }
        if (m instanceof Mechanism.Ptr p) {
            return target(p.domainSpec(), ctx).thenCompose(t -> ptrMatch(t, ctx.ip()));
        }
        if (m instanceof Mechanism.Exists e) {
            // RFC 7208 §5.7: always an A query, whatever the connection's address family.
            return expandDomain(e.domainSpec(), ctx).thenCompose(dns::a).thenApply(r -> {
                checkDnsResult(r, "exists");
                return !r.records().isEmpty();
            });
        }
        throw new IllegalArgumentException("not a DNS mechanism: " + m);
    }

    /** RFC 7208 §5.2: how an include's result maps onto a match. */
    private static boolean includeMatches(Outcome o) {
        return switch (o.result()) {
            case PASS -> true;
            case FAIL, SOFTFAIL, NEUTRAL -> false;
            case TEMPERROR -> throw SpfAbort.temp("include: " + o.reason());
            case PERMERROR -> throw SpfAbort.perm("include: " + o.reason());
            case NONE -> throw SpfAbort.perm("include target has no SPF record: " + o.reason());
        };
    }

    private CompletableFuture<Boolean> addressMatch(String target, InetAddress ip, int p4, int p6) {
        boolean v6 = ip instanceof Inet6Address;
        return dns.addresses(target, v6).thenApply(r -> {
            checkDnsResult(r, "a");
            return r.records().stream().anyMatch(x -> Cidr.contains(x, v6 ? p6 : p4, ip));
        });
    }

    /** RFC 7208 §5.4 */
    private CompletableFuture<Boolean> mxMatch(String target, InetAddress ip, int p4, int p6) {
        return dns.mx(target).thenCompose(r -> {
            checkDnsResult(r, "mx");
            List<MxHost> hosts = new ArrayList<>(r.records());
            hosts.removeIf(h -> h.host().isEmpty()); // RFC 7505 null MX
            if (hosts.size() > MAX_MX_ADDRESS_LOOKUPS) {
                throw SpfAbort.perm("more than " + MAX_MX_ADDRESS_LOOKUPS + " MX records for " + target);
            }
            hosts.sort(Comparator.comparingInt(MxHost::preference));
            return mxHost(hosts, 0, ip, p4, p6);
        });
    }

    private CompletableFuture<Boolean> mxHost(List<MxHost> hosts, int i, InetAddress ip, int p4, int p6) {
        if (i >= hosts.size()) {
            return done(false);
        }
        return addressMatch(hosts.get(i).host(), ip, p4, p6)
                .thenCompose(hit -> hit ? done(true) : mxHost(hosts, i + 1, ip, p4, p6));
    }

    /** RFC 7208 §5.5: DNS errors here make the mechanism not match rather than fail. */
    private CompletableFuture<Boolean> ptrMatch(String target, InetAddress ip) {
        return validatedNames(ip).thenApply(names -> names.stream()
                .anyMatch(n -> n.equals(target) || n.endsWith("." + target)));
    }

    /** Names from PTR whose forward lookup contains {@code ip} (RFC 7208 §5.5). */
    private CompletableFuture<List<String>> validatedNames(InetAddress ip) {
        return dns.ptr(ip).thenCompose(r -> {
            if (r.isVoid()) {
                countVoid("ptr");
            }
            List<String> names = r.records().stream().limit(MAX_PTR_NAMES).toList();
            List<CompletableFuture<Optional<String>>> checks = new ArrayList<>();
            for (String n : names) {
                checks.add(dns.addresses(n, ip instanceof Inet6Address)
                        .thenApply(a -> a.records().contains(ip) ? Optional.of(n) : Optional.<String>empty()));
            }
            return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
                    .thenApply(x -> checks.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList());
        });
    }

    /** RFC 7208 §6.2: failures to build the explanation just leave it out. */
    private CompletableFuture<Optional<String>> explanation(String expSpec, MacroContext ctx) {
        CompletableFuture<String> target;
        try {
            target = expandDomain(expSpec, ctx);
        } catch (SpfAbort e) {
            return done(Optional.empty());
        }
        return target.thenCompose(dns::txt).thenCompose(r -> {
            if (r.records().size() != 1) {
                return done(Optional.<String>empty());
            }
            String text = r.records().get(0);
            return withValidatedName(text, ctx).thenApply(c -> {
                try {
                    return Optional.of(MacroExpander.expand(text, c, true));
                } catch (SpfPermError e) {
                    return Optional.<String>empty();
                }
            });
        }).exceptionally(e -> Optional.empty());
    }

    private CompletableFuture<String> target(String spec, MacroContext ctx) {
        return spec == null ? done(ctx.domain()) : expandDomain(spec, ctx);
    }

    private CompletableFuture<String> expandDomain(String spec, MacroContext ctx) {
        return withValidatedName(spec, ctx).thenApply(c -> {
            String expanded;
            try {
                expanded = MacroExpander.expand(spec, c, false);
            } catch (SpfPermError e) {
                throw SpfAbort.perm(e.getMessage());
            }
            return truncate(expanded.toLowerCase(Locale.ROOT));
        });
    }

    /** %{p} costs a PTR lookup and forward confirmations; only done when a macro asks for it. */
    private CompletableFuture<MacroContext> withValidatedName(String spec, MacroContext ctx) {
        if (ctx.validatedName() != null || !MacroExpander.needsValidatedName(spec)) {
            return done(ctx);
        }
        return validatedNames(ctx.ip()).thenApply(names -> {
            // RFC 7208 §7.3: prefer a name that is the domain or a subdomain of it.
            String d = ctx.domain();
            String pick = names.stream().filter(n -> n.equals(d)).findFirst()
                    .or(() -> names.stream().filter(n -> n.endsWith("." + d)).findFirst())
                    .or(() -> names.stream().findFirst())
                    .orElse("unknown");
            return ctx.withValidatedName(pick);
        });
    }

    /** RFC 7208 §7.3: drop labels from the left until at most 253 characters remain. */
    static String truncate(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        while (n.length() > MAX_DOMAIN_LENGTH) {
            int dot = n.indexOf('.');
            if (dot < 0) {
                throw SpfAbort.perm("expanded domain too long");
            }
            n = n.substring(dot + 1);
        }
        if (!isValidDomain(n)) {
            throw SpfAbort.perm("expanded domain is malformed");
        }
        return n;
    }

    static boolean isValidDomain(String domain) {
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (d.isEmpty() || d.length() > MAX_DOMAIN_LENGTH) {
            return false;
        }
        for (String label : d.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
        }
        return true;
    }

    private void checkDnsResult(DnsResult<?> r, String what) {
        if (r instanceof DnsResult.TempFail<?> t) {
            throw SpfAbort.temp("DNS error during " + what + ": " + t.detail());
        }
        if (r.isVoid()) {
            countVoid(what);
        }
    }

    private void countLookup() {
        if (++lookups > MAX_LOOKUPS) {
            throw SpfAbort.perm("more than " + MAX_LOOKUPS + " DNS lookups");
        }
    }

    private void countVoid(String what) {
        if (++voids > MAX_VOID_LOOKUPS) {
            throw SpfAbort.perm("more than " + MAX_VOID_LOOKUPS + " void lookups (" + what + ")");
        }
    }

    private static String describe(SpfRecord.Directive d) {
        return d.qualifier().symbol() + d.mechanism().getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
