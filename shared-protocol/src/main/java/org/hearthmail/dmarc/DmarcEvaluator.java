package org.hearthmail.dmarc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleSupplier;

import org.hearthmail.dkim.DkimResult;
import org.hearthmail.dkim.DkimStatus;
import org.hearthmail.dns.DnsResolver;
import org.hearthmail.dns.DnsResult;
import org.hearthmail.spf.SpfResult;
import org.hearthmail.spf.SpfVerdict;

/** RFC 7489 §6.6: evaluates DMARC for a message whose SPF and DKIM results are known. */
public final class DmarcEvaluator {

    private final DnsResolver dns;
    private final DoubleSupplier random;

    /**
     * @param random values in [0, 1) for pct= sampling (§6.6.4); injectable for tests
     */
    public DmarcEvaluator(DnsResolver dns, DoubleSupplier random) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.random = Objects.requireNonNull(random, "random");
    }

    public DmarcEvaluator(DnsResolver dns) {
        this(dns, () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }

    /**
     * @param fromDomain the domain of the single RFC5322.From address (§6.6.1)
     * @param spf        the SPF verdict for the MAIL FROM identity
     * @param dkim       every DKIM result of the message
     */
    public CompletableFuture<DmarcVerdict> evaluate(String fromDomain, SpfVerdict spf, List<DkimResult> dkim) {
        String from = OrganizationalDomain.normalize(fromDomain);
        String org = OrganizationalDomain.of(from);
        return discover(from).thenCompose(found -> {
            if (found instanceof Discovery.NotFound && !org.equals(from)) {
                return discover(org);
            }
            return CompletableFuture.completedFuture(found);
        }).thenApply(d -> decide(d, from, org, spf, dkim));
    }

    private sealed interface Discovery {
        record Found(String domain, DmarcRecord record) implements Discovery { }

        record NotFound() implements Discovery { }

        record Failed(DmarcResult result, String reason) implements Discovery { }
    }

    /** §6.6.3: one name's TXT records, filtered to DMARC1. */
    private CompletableFuture<Discovery> discover(String domain) {
        return dns.txt("_dmarc." + domain).thenApply(r -> {
            if (r instanceof DnsResult.TempFail<String> t) {
                return new Discovery.Failed(DmarcResult.TEMPERROR, "DNS error at _dmarc." + domain + ": " + t.detail());
            }
            List<String> records = r.records().stream().filter(DmarcRecord::isDmarcRecord).toList();
            // §6.6.3: zero or several records end discovery at this name.
            if (records.size() != 1) {
                return new Discovery.NotFound();
            }
            try {
                return new Discovery.Found(domain, DmarcRecord.parse(records.get(0)));
            } catch (DmarcSyntaxException e) {
                return new Discovery.Failed(DmarcResult.PERMERROR, "bad record at _dmarc." + domain + ": " + e.getMessage());
            }
        });
    }

    private DmarcVerdict decide(Discovery d, String from, String org, SpfVerdict spf, List<DkimResult> dkim) {
        if (d instanceof Discovery.Failed f) {
            return DmarcVerdict.without(f.result(), from, f.reason());
        }
        if (!(d instanceof Discovery.Found found)) {
            return DmarcVerdict.without(DmarcResult.NONE, from, "no DMARC record");
        }
        DmarcRecord rec = found.record();
        // §4.2: SPF counts if it passed for a domain aligned with From.
        boolean spfAligned = spf != null && spf.result() == SpfResult.PASS
                && rec.spfAlignment().aligned(spf.domain(), from);
        boolean dkimAligned = dkim.stream().anyMatch(r -> r.status() == DkimStatus.PASS
                && rec.dkimAlignment().aligned(r.domain(), from));
        if (spfAligned || dkimAligned) {
            return new DmarcVerdict(DmarcResult.PASS, DmarcPolicy.NONE, from, found.domain(), Optional.of(rec),
                    spfAligned, dkimAligned, false, spfAligned ? "aligned SPF pass" : "aligned DKIM pass");
        }
        // §6.3 sp=: applies when the record came from the organizational domain for a subdomain.
        boolean subdomain = !found.domain().equals(from);
        DmarcPolicy published = subdomain ? rec.subdomainPolicy().orElse(rec.policy()) : rec.policy();
        // §6.6.4: pct= selects the share of failing messages the policy applies to.
        boolean sampledOut = rec.percent() < 100 && random.getAsDouble() * 100 >= rec.percent();
        DmarcPolicy apply = sampledOut ? published.weaker() : published;
        return new DmarcVerdict(DmarcResult.FAIL, apply, from, found.domain(), Optional.of(rec), false, false,
                sampledOut, "no aligned SPF or DKIM pass");
    }
}
