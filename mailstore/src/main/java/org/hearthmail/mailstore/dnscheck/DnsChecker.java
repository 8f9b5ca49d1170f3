package org.hearthmail.mailstore.dnscheck;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.hearthmail.dns.DnsResult;
import org.hearthmail.mailstore.dnsrecords.DnsPlan;
import org.hearthmail.mailstore.dnsrecords.DomainPlan;
import org.hearthmail.mailstore.dnsrecords.ExpectedRecord;
import org.hearthmail.mailstore.dnsrecords.Purpose;
import org.hearthmail.mailstore.dnsrecords.RelayHost;

/** Checks a whole {@link DnsPlan}: host records, each relay, then each domain. */
public final class DnsChecker {

    /**
     * @param dnsblZones  DNSBL zones to look the relays up on
     * @param homeAddress the home line's public address, to warn when SPF would pass for it
     */
    public record Options(List<String> dnsblZones, Optional<InetAddress> homeAddress) {
        public Options {
            dnsblZones = List.copyOf(dnsblZones);
            Objects.requireNonNull(homeAddress, "homeAddress");
        }

        public static List<String> defaultDnsblZones() {
            return DnsblCheck.DEFAULT_ZONES;
        }
    }

    private final DnsLookups dns;
    private final Options options;
    private final Consumer<String> progress;

    /** @param progress receives one line per stage ("checking example.org") */
    public DnsChecker(DnsLookups dns, Options options, Consumer<String> progress) {
        this.dns = dns;
        this.options = options;
        this.progress = progress;
    }

    /** @throws ResolverUnreachableException if the resolver does not answer at all */
    public List<CheckItem> check(DnsPlan plan) {
        probe(plan);
        RecordChecker records = new RecordChecker(dns);
        List<CheckItem> out = new ArrayList<>();
        progress.accept("checking relay host names and addresses");
        plan.hostRecords().forEach(r -> out.add(records.check(r)));
        RelayChecks relayChecks = new RelayChecks(dns);
        DnsblCheck dnsbl = new DnsblCheck(dns);
        for (RelayHost relay : plan.relays()) {
            relay.addresses().forEach(a -> {
                progress.accept("checking relay " + relay.hostname() + " (PTR, FCrDNS, "
                        + options.dnsblZones().size() + " DNSBLs)");
                out.addAll(relayChecks.check(relay, a));
                options.dnsblZones().forEach(z -> out.add(dnsbl.check(a, z)));
            });
        }
        SpfCoverage spf = new SpfCoverage(dns);
        for (DomainPlan d : plan.domains()) {
            progress.accept("checking " + d.domain());
            List<ExpectedRecord> mx = d.records().stream().filter(r -> r.purpose() == Purpose.MX).toList();
            out.addAll(records.mx(d.domain(), mx));
            d.records().stream().filter(r -> r.purpose() != Purpose.MX).forEach(r -> out.add(records.check(r)));
            for (RelayHost relay : plan.relays()) {
                relay.addresses().forEach(a -> out.add(spf.relay(d.domain(), relay.hostname(), a)));
            }
            options.homeAddress().map(h -> spf.home(d.domain(), h)).ifPresent(out::add);
        }
        return out;
    }

    /** One query first, so a dead resolver is one clear error, not a report full of "unknown". */
    private void probe(DnsPlan plan) {
        String name = plan.domains().isEmpty() ? plan.clientHost() : plan.domains().get(0).domain();
        DnsResult<?> r = dns.mx(name);
        String server = dns.server().getAddress().getHostAddress() + ":" + dns.server().getPort();
        if (r instanceof DnsResult.TempFail<?> t
                && (t.cause() == DnsResult.Cause.TIMEOUT || t.cause() == DnsResult.Cause.NETWORK)) {
            throw new ResolverUnreachableException("DNS resolver " + server + " does not answer (" + t.detail()
                    + "); pass a reachable one with --resolver IP[:PORT]");
        }
        if (r instanceof DnsResult.TempFail<?> t && t.cause() == DnsResult.Cause.REFUSED) {
            throw new ResolverUnreachableException("DNS resolver " + server + " refuses to answer for " + name
                    + " (REFUSED: not a resolver that serves you); pass another with --resolver IP[:PORT]");
        }
    }

    /** True when every item is {@link CheckStatus#OK}. */
    public static boolean allOk(List<CheckItem> items) {
        return items.stream().allMatch(i -> i.status() == CheckStatus.OK);
    }
}
