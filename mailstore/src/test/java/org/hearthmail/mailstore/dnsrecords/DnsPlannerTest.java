package org.hearthmail.mailstore.dnsrecords;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.hearthmail.mailstore.dkim.DkimKeyStore;
import org.hearthmail.mailstore.relays.RelayRegistration;
import org.junit.jupiter.api.Test;

class DnsPlannerTest {
    private static final List<DkimKeyStore.TxtRecord> DKIM = List.of(
            new DkimKeyStore.TxtRecord("hm20260101-ed25519", "v=DKIM1; k=ed25519; p=AAAA"));

    private static RelayRegistration relay(String name, String host, int pref, String address) throws Exception {
        return new RelayRegistration(name, host, pref, address, 51820, java.util.List.of(InetAddress.getByName(address)),
                "a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U=", InetAddress.getByName("10.77.0.1"));
    }

    private static List<String> lines(DnsPlan plan) {
        return ZoneFileWriter.zoneFile(plan).lines().filter(l -> !l.startsWith(";") && !l.isBlank()).toList();
    }

    @Test
    void everyDomainGetsAnMxPerRelayWithItsPreferenceAndSpfNamingEachEgressAddress() throws Exception {
        DnsPlan plan = DnsPlanner.plan(List.of("example.org", "Example.NET."), "mail.example.org",
                List.of(relay("vps1", "mx1.example.org", 10, "203.0.113.10"), relay("vps2", "MX2.example.org", 20, "2001:db8::25")),
                DKIM);
        List<String> l = lines(plan);
        assertThat(l).contains(
                "example.org.\tIN\tMX\t10 mx1.example.org.",
                "example.org.\tIN\tMX\t20 mx2.example.org.",
                "example.net.\tIN\tMX\t10 mx1.example.org.",
                "example.org.\tIN\tTXT\t\"v=spf1 ip4:203.0.113.10 ip6:2001:db8::25 -all\"",
                "mx1.example.org.\tIN\tA\t203.0.113.10",
                "mx2.example.org.\tIN\tAAAA\t2001:db8::25",
                // The client-facing name is not a relay's own name: it points at every relay.
                "mail.example.org.\tIN\tA\t203.0.113.10",
                "mail.example.org.\tIN\tAAAA\t2001:db8::25",
                "hm20260101-ed25519._domainkey.example.net.\tIN\tTXT\t\"v=DKIM1; k=ed25519; p=AAAA\"",
                "_smtp._tls.example.org.\tIN\tTXT\t\"v=TLSRPTv1; rua=mailto:postmaster@example.org\"",
                "_submissions._tcp.example.org.\tIN\tSRV\t0 1 465 mail.example.org.",
                "_submission._tcp.example.org.\tIN\tSRV\t10 1 587 mail.example.org.",
                "_imaps._tcp.example.org.\tIN\tSRV\t0 1 993 mail.example.org.",
                "_imap._tcp.example.org.\tIN\tSRV\t0 0 0 .",
                "mta-sts.example.org.\tIN\tA\t203.0.113.10");
        assertThat(l).filteredOn(s -> s.startsWith("_mta-sts.example.org.\tIN\tTXT\t\"v=STSv1; id=")).hasSize(1);
        assertThat(plan.notes()).isEmpty();
        String zone = ZoneFileWriter.zoneFile(plan);
        assertThat(zone).contains(";   10.113.0.203.in-addr.arpa.\tIN\tPTR\tmx1.example.org.")
                .contains("; MTA-STS policy file: serve it at https://mta-sts.example.net/.well-known/mta-sts.txt")
                .contains(";   mx: mx1.example.org").contains(";   mx: mx2.example.org");
    }

    @Test
    void aDualStackRelayGetsAAndAaaaRecordsBothInSpfAndAPtrForEach() throws Exception {
        RelayRegistration dual = new RelayRegistration("vps1", "mx1.example.org", 10, "203.0.113.10", 51820,
                List.of(InetAddress.getByName("203.0.113.10"), InetAddress.getByName("2001:db8::10")),
                "a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U=", InetAddress.getByName("10.77.0.1"));
        DnsPlan plan = DnsPlanner.plan(List.of("example.org"), "mx1.example.org", List.of(dual), DKIM);
        assertThat(lines(plan)).contains(
                "mx1.example.org.\tIN\tA\t203.0.113.10",
                "mx1.example.org.\tIN\tAAAA\t2001:db8::10",
                "example.org.\tIN\tTXT\t\"v=spf1 ip4:203.0.113.10 ip6:2001:db8::10 -all\"");
        assertThat(ZoneFileWriter.ptrAdvice(plan)).containsExactly(
                "10.113.0.203.in-addr.arpa.\tIN\tPTR\tmx1.example.org.",
                "0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.\tIN\tPTR\tmx1.example.org.");
    }

    @Test
    void mtaStsIdIsStableForTheSamePolicyAndChangesWhenTheRelaysChange() throws Exception {
        List<RelayRegistration> one = List.of(relay("vps1", "mx1.example.org", 10, "203.0.113.10"));
        List<RelayRegistration> two = List.of(relay("vps1", "mx1.example.org", 10, "203.0.113.10"),
                relay("vps2", "mx2.example.org", 20, "198.51.100.20"));
        MtaStsPolicy a = DnsPlanner.plan(List.of("example.org"), "mx1.example.org", one, DKIM).domains().get(0).mtaSts();
        MtaStsPolicy b = DnsPlanner.plan(List.of("example.org"), "mx1.example.org", one, DKIM).domains().get(0).mtaSts();
        MtaStsPolicy c = DnsPlanner.plan(List.of("example.org"), "mx1.example.org", two, DKIM).domains().get(0).mtaSts();
        assertThat(a.id()).isEqualTo(b.id()).matches("[0-9a-f]{1,32}").isNotEqualTo(c.id());
        // RFC 8461 §3.2: CRLF-terminated key/value lines.
        assertThat(c.text()).isEqualTo("version: STSv1\r\nmode: testing\r\nmx: mx1.example.org\r\nmx: mx2.example.org\r\n"
                + "max_age: 604800\r\n");
    }

    @Test
    void withoutRelaysTheMxHostStandsInAndTheOperatorIsToldAddressesAreUnknown() {
        DnsPlan plan = DnsPlanner.plan(List.of("example.org"), "mx.example.org", List.of(), DKIM);
        assertThat(lines(plan)).contains("example.org.\tIN\tMX\t10 mx.example.org.",
                "example.org.\tIN\tTXT\t\"v=spf1 a:mx.example.org -all\"")
                .noneMatch(s -> s.contains("\tA\t") || s.contains("\tAAAA\t"));
        assertThat(plan.notes()).singleElement().asString().contains("addresses are unknown until a relay is provisioned");
    }

    @Test
    void aRelayKnownOnlyByNameIsNamedInSpfByA() throws Exception {
        RelayRegistration byName = new RelayRegistration("vps1", "mx1.example.org", 10, "vps.example.net", 51820, java.util.List.of(),
                "a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U=", InetAddress.getByName("10.77.0.1"));
        DnsPlan plan = DnsPlanner.plan(List.of("example.org"), "mx1.example.org", List.of(byName), DKIM);
        assertThat(lines(plan)).contains("example.org.\tIN\tTXT\t\"v=spf1 a:mx1.example.org -all\"");
        assertThat(plan.notes()).singleElement().asString().contains("public address is unknown");
    }
}
