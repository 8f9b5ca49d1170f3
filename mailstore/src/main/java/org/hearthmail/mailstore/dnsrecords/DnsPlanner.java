package org.hearthmail.mailstore.dnsrecords;

import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hearthmail.dns.DnsNames;
import org.hearthmail.mailstore.dkim.DkimKeyStore;
import org.hearthmail.mailstore.relays.RelayRegistration;

/** Computes the {@link DnsPlan} of an installation from its facts. Pure: no I/O, no clock. */
public final class DnsPlanner {
    /** MX preference used for {@code mx_host} while no relay is provisioned. */
    static final int FALLBACK_PREFERENCE = 10;

    private DnsPlanner() {
    }

    /**
     * @param domains    hosted domains (A-labels)
     * @param clientHost {@code mx_host} from {@code mailstore.toml}: the name clients connect to
     * @param relays     provisioned relays; empty before {@code mailstore relay bundle}
     * @param dkim       the key records of every published DKIM selector
     */
    public static DnsPlan plan(List<String> domains, String clientHost, List<RelayRegistration> relays,
            List<DkimKeyStore.TxtRecord> dkim) {
        String client = DnsNames.normalize(clientHost);
        List<String> notes = new ArrayList<>();
        List<RelayHost> hosts = relayHosts(client, relays, notes);
        List<InetAddress> addresses = hosts.stream().flatMap(h -> h.addresses().stream()).distinct().toList();

        List<ExpectedRecord> hostRecords = new ArrayList<>();
        Set<String> relayNames = new LinkedHashSet<>();
        for (RelayHost h : hosts) {
            if (relayNames.add(h.hostname())) {
                for (InetAddress a : h.addresses()) {
                    hostRecords.add(new ExpectedRecord(h.hostname(), new RecordData.Address(a),
                            Purpose.RELAY_ADDRESS, "relay " + h.hostname() + ": MX target, EHLO name, PTR target"));
                }
            }
        }
        if (!relayNames.contains(client)) {
            for (InetAddress a : addresses) {
                hostRecords.add(new ExpectedRecord(client, new RecordData.Address(a), Purpose.CLIENT_ADDRESS,
                        "client-facing name (IMAP 993, submission 465/587): the relays pass these ports through"));
            }
        }
        List<DomainPlan> plans = new ArrayList<>();
        for (String d : domains) {
            plans.add(domain(DnsNames.normalize(d), client, hosts, addresses, dkim));
        }
        return new DnsPlan(hosts, client, hostRecords, plans, notes);
    }

    private static List<RelayHost> relayHosts(String client, List<RelayRegistration> relays, List<String> notes) {
        if (relays.isEmpty()) {
            notes.add("no relay is provisioned yet: MX points at mx_host " + client + " from mailstore.toml, and its"
                    + " addresses are unknown until a relay is provisioned ('mailstore relay bundle')");
            return List.of(new RelayHost(client, FALLBACK_PREFERENCE, List.of()));
        }
        List<RelayHost> out = new ArrayList<>();
        for (RelayRegistration r : relays) {
            RelayHost h = new RelayHost(DnsNames.normalize(r.hostname()), r.mxPreference(), r.publicAddresses());
            if (h.addresses().isEmpty()) {
                notes.add("relay " + r.name() + " (" + h.hostname() + "): its public address is unknown (endpoint "
                        + r.endpointHost() + " is not an IP address); publish its A/AAAA yourself; SPF names it by a:");
            }
            out.add(h);
        }
        return out;
    }

    private static DomainPlan domain(String d, String client, List<RelayHost> hosts, List<InetAddress> addresses,
            List<DkimKeyStore.TxtRecord> dkim) {
        List<ExpectedRecord> out = new ArrayList<>();
        Set<String> mxNames = new LinkedHashSet<>();
        for (RelayHost h : hosts) {
            if (mxNames.add(h.hostname())) {
                // RFC 5321 §5.1: lower preference first; senders fall back to the next relay.
                out.add(new ExpectedRecord(d, new RecordData.Mx(h.preference(), h.hostname()), Purpose.MX));
            }
        }
        out.add(new ExpectedRecord(d, new RecordData.Txt(spf(hosts)), Purpose.SPF,
                "SPF: only the relays send this domain's mail (RFC 7208); the home address must not be listed"));
        for (DkimKeyStore.TxtRecord r : dkim) {
            out.add(new ExpectedRecord(DnsNames.normalize(r.name(d)), new RecordData.Txt(r.text()), Purpose.DKIM,
                    "DKIM selector " + r.selector()));
        }
        // RFC 7489 §6.3: p=quarantine once SPF and DKIM pass; aggregate reports to postmaster.
        out.add(new ExpectedRecord("_dmarc." + d,
                new RecordData.Txt("v=DMARC1; p=quarantine; adkim=s; aspf=s; rua=mailto:postmaster@" + d), Purpose.DMARC));
        // RFC 8461 §5: "testing" until the relays hold certificates from a public CA, then "enforce".
        MtaStsPolicy policy = new MtaStsPolicy("testing", List.copyOf(mxNames), MtaStsPolicy.DEFAULT_MAX_AGE);
        out.add(new ExpectedRecord("_mta-sts." + d, new RecordData.Txt(policy.txtRecord()), Purpose.MTA_STS,
                "MTA-STS (RFC 8461 §3.1): the id changes whenever the policy file below changes"));
        for (InetAddress a : addresses) {
            out.add(new ExpectedRecord("mta-sts." + d, new RecordData.Address(a), Purpose.MTA_STS_HOST,
                    "the HTTPS host serving the policy file (any web server with a valid certificate will do)"));
        }
        // RFC 8460 §3: where senders report TLS failures.
        out.add(new ExpectedRecord("_smtp._tls." + d, new RecordData.Txt("v=TLSRPTv1; rua=mailto:postmaster@" + d),
                Purpose.TLS_RPT));
        // RFC 6186 §3.1 and RFC 8314 §5.1: implicit TLS preferred (lower priority) over STARTTLS.
        out.add(new ExpectedRecord("_submissions._tcp." + d, new RecordData.Srv(0, 1, 465, client), Purpose.SRV,
                "client autoconfiguration (RFC 6186, RFC 8314 §5.1)"));
        out.add(new ExpectedRecord("_submission._tcp." + d, new RecordData.Srv(10, 1, 587, client), Purpose.SRV));
        out.add(new ExpectedRecord("_imaps._tcp." + d, new RecordData.Srv(0, 1, 993, client), Purpose.SRV));
        // RFC 6186 §4: IMAP on 143 is not passed through by the relay: "0 0 0 ." says so.
        out.add(new ExpectedRecord("_imap._tcp." + d, RecordData.Srv.notOffered(), Purpose.SRV));
        return new DomainPlan(d, out, policy);
    }

    /** RFC 7208 §5.6: ip4:/ip6: for each known relay address, a: for a relay known only by name. */
    static String spf(List<RelayHost> hosts) {
        StringBuilder b = new StringBuilder("v=spf1");
        Set<String> terms = new LinkedHashSet<>();
        for (RelayHost h : hosts) {
            if (h.addresses().isEmpty()) {
                terms.add("a:" + h.hostname());
            }
            for (InetAddress a : h.addresses()) {
                terms.add((a instanceof Inet6Address ? "ip6:" : "ip4:") + NetUtil.toAddressString(a));
            }
        }
        for (String t : terms) {
            b.append(' ').append(t);
        }
        // RFC 7208 §5.1: "-all" as the last mechanism: every other host fails.
        return b.append(" -all").toString();
    }
}
