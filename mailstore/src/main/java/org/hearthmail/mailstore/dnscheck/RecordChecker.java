package org.hearthmail.mailstore.dnscheck;

import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hearthmail.dns.DnsResult;
import org.hearthmail.dns.MxHost;
import org.hearthmail.mailstore.dnsrecords.ExpectedRecord;
import org.hearthmail.mailstore.dnsrecords.Purpose;
import org.hearthmail.mailstore.dnsrecords.RecordData;

/** Compares each planned record with what the resolver answers. */
final class RecordChecker {
    private final DnsLookups dns;

    RecordChecker(DnsLookups dns) {
        this.dns = dns;
    }

    /** The MX set of {@code domain}: one item per planned MX, one per MX that is not ours. */
    List<CheckItem> mx(String domain, List<ExpectedRecord> planned) {
        DnsResult<MxHost> r = dns.mx(domain);
        List<CheckItem> out = new ArrayList<>();
        List<MxHost> found = r.records();
        String all = found.stream().map(m -> m.preference() + " " + m.host() + ".").collect(Collectors.joining(", "));
        for (ExpectedRecord e : planned) {
            RecordData.Mx want = (RecordData.Mx) e.data();
            String what = "MX " + domain + " " + want.host();
            Optional<MxHost> same = found.stream().filter(m -> m.host().equals(want.host())).findFirst();
            if (r.isTempFail()) {
                out.add(unknown(what, e, r));
            } else if (same.isPresent() && same.get().preference() == want.preference()) {
                out.add(CheckItem.ok(what, want.zoneText()));
            } else {
                out.add(new CheckItem(found.isEmpty() ? CheckStatus.MISSING : CheckStatus.WRONG, what, want.zoneText(), all));
            }
        }
        List<String> ours = planned.stream().map(e -> ((RecordData.Mx) e.data()).host()).toList();
        for (MxHost m : found) {
            if (!ours.contains(m.host())) {
                // RFC 5321 §5.1: senders use every MX; one that is not a relay gets this domain's mail.
                out.add(new CheckItem(CheckStatus.WRONG, "MX " + domain + " " + m.host(), "only the relays' MX records",
                        m.preference() + " " + m.host() + ". (not a relay of this installation)"));
            }
        }
        return out;
    }

    CheckItem check(ExpectedRecord e) {
        RecordData d = e.data();
        if (d instanceof RecordData.Address a) {
            return address(e, a.address());
        }
        if (d instanceof RecordData.Txt t) {
            return txt(e, t.text());
        }
        if (d instanceof RecordData.Srv s) {
            return srv(e, s);
        }
        throw new IllegalArgumentException("MX records are checked per domain: " + e);
    }

    private CheckItem address(ExpectedRecord e, InetAddress want) {
        boolean v6 = want instanceof Inet6Address;
        String what = e.purpose().label() + " " + e.owner() + " " + (v6 ? "AAAA" : "A");
        DnsResult<InetAddress> r = dns.addresses(e.owner(), v6);
        if (r.isTempFail()) {
            return unknown(what, e, r);
        }
        String found = join(r.records(), NetUtil::toAddressString);
        if (r.isVoid()) {
            return new CheckItem(CheckStatus.MISSING, what, NetUtil.toAddressString(want), "");
        }
        // The policy host may be any web server: it only has to exist (RFC 8461 §3.3).
        if (e.purpose() == Purpose.MTA_STS_HOST || r.records().contains(want)) {
            return CheckItem.ok(what, found);
        }
        return new CheckItem(CheckStatus.WRONG, what, NetUtil.toAddressString(want), found);
    }

    private CheckItem txt(ExpectedRecord e, String want) {
        String what = e.purpose().label() + " " + e.owner();
        DnsResult<String> r = dns.txt(e.owner());
        if (r.isTempFail()) {
            return unknown(what, e, r);
        }
        List<String> relevant = TxtJudge.relevant(e.purpose(), r.records());
        if (relevant.isEmpty()) {
            return new CheckItem(CheckStatus.MISSING, what, quoted(want), join(r.records(), RecordChecker::quoted));
        }
        if (e.purpose() == Purpose.DKIM) {
            boolean any = relevant.stream().anyMatch(f -> TxtJudge.mismatch(e.purpose(), want, f).isEmpty());
            return any ? CheckItem.ok(what, "key matches")
                    : new CheckItem(CheckStatus.WRONG, what, quoted(want) + " (another key)", join(relevant, RecordChecker::quoted));
        }
        if (relevant.size() > 1) {
            // RFC 7208 §4.5, RFC 7489 §6.6.3, RFC 8461 §3.1, RFC 8460 §3: more than one record is an error.
            return new CheckItem(CheckStatus.WRONG, what, "exactly one record: " + quoted(want),
                    relevant.size() + " records: " + join(relevant, RecordChecker::quoted));
        }
        Optional<String> why = TxtJudge.mismatch(e.purpose(), want, relevant.get(0));
        return why.map(w -> new CheckItem(CheckStatus.WRONG, what, quoted(want) + " (" + w + ")", quoted(relevant.get(0))))
                .orElseGet(() -> CheckItem.ok(what, quoted(relevant.get(0))));
    }

    private CheckItem srv(ExpectedRecord e, RecordData.Srv want) {
        String what = "SRV " + e.owner();
        DnsResult<RecordData.Srv> r = dns.srv(e.owner());
        if (r.isTempFail()) {
            return unknown(what, e, r);
        }
        if (r.isVoid()) {
            return new CheckItem(CheckStatus.MISSING, what, want.zoneText(), "");
        }
        String found = join(r.records(), RecordData.Srv::zoneText);
        return r.records().contains(want) ? CheckItem.ok(what, found)
                : new CheckItem(CheckStatus.WRONG, what, want.zoneText(), found);
    }

    static CheckItem unknown(String what, ExpectedRecord e, DnsResult<?> r) {
        return new CheckItem(CheckStatus.UNKNOWN, what, e.data().zoneText(), failure(r));
    }

    /** "lookup failed (TIMEOUT: timed out)", the detail only where it adds something. */
    static String failure(DnsResult<?> r) {
        if (r instanceof DnsResult.TempFail<?> t) {
            String cause = t.cause().name();
            return "lookup failed (" + (t.detail().equalsIgnoreCase(cause) ? cause : cause + ": " + t.detail()) + ")";
        }
        return r instanceof DnsResult.NxDomain<?> ? "no such name" : "no records";
    }

    static String quoted(String s) {
        return "\"" + s + "\"";
    }

    static <T> String join(List<T> values, Function<T, String> show) {
        return values.stream().map(show).collect(Collectors.joining(", "));
    }
}
