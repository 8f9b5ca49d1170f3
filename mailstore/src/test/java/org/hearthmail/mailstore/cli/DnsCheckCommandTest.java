package org.hearthmail.mailstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.DatagramSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hearthmail.cli.ExitCodes;
import org.hearthmail.interop.KnotServer;
import org.hearthmail.mailstore.relays.RelayRegistration;
import org.hearthmail.mailstore.relays.RelayRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mailstore dns check} against a real authoritative server (knotd on 127.0.0.1) serving the
 * zone that {@code mailstore dns records} printed, as published, and with deliberate faults.
 */
@Timeout(120)
class DnsCheckCommandTest {
    private static final String KEY = "a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U=";

    @TempDir
    Path dir;
    private CliFixture cli;
    private List<String> published;

    @BeforeEach
    void installationWithTwoRelays() throws Exception {
        KnotServer.assumeInstalled();
        cli = new CliFixture(dir.resolve("data"));
        assertThat(cli.run("init", "--domain", "example.org", "--mx-host", "mx.example.org").exit()).isZero();
        RelayRegistry relays = new RelayRegistry(dir.resolve("data"));
        relays.save(new RelayRegistration("vps1", "mx1.example.org", 10, "203.0.113.10", 51820,
                java.util.List.of(InetAddress.getByName("203.0.113.10")), KEY, InetAddress.getByName("10.77.0.1")));
        relays.save(new RelayRegistration("vps2", "mx2.example.org", 20, "198.51.100.20", 51820,
                java.util.List.of(InetAddress.getByName("198.51.100.20")), KEY, InetAddress.getByName("10.77.0.3")));
        CliFixture.Result records = cli.run("dns", "records");
        assertThat(records.exit()).as(records.err()).isZero();
        published = records.out().lines().filter(l -> !l.startsWith(";") && !l.isBlank()).collect(Collectors.toList());
    }

    private Map<String, String> zones(List<String> exampleOrg, String ptr10, String dnsbl) {
        Map<String, String> z = new LinkedHashMap<>();
        z.put("example.org", String.join("\n", exampleOrg) + "\n");
        z.put("113.0.203.in-addr.arpa", "10 PTR " + ptr10 + "\n");
        z.put("100.51.198.in-addr.arpa", "20 PTR mx2.example.org.\n");
        z.put("dnsbl.test", dnsbl);
        return z;
    }

    private CliFixture.Result check(KnotServer dns, String... more) {
        List<String> args = new ArrayList<>(List.of("dns", "check", "--resolver", "127.0.0.1:" + dns.port(),
                "--dnsbl", "dnsbl.test"));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void theZoneAsPrintedByDnsRecordsChecksAllOk() throws Exception {
        try (KnotServer dns = KnotServer.start(dir.resolve("knot"), zones(published, "mx1.example.org.", ""))) {
            CliFixture.Result r = check(dns, "--home-address", "192.0.2.50");
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
            assertThat(r.out().lines()).allMatch(l -> l.startsWith("ok ")).hasSizeGreaterThan(25);
            assertThat(r.out()).contains("ok      MX example.org mx1.example.org: 10 mx1.example.org.")
                    .contains("ok      MX example.org mx2.example.org: 20 mx2.example.org.")
                    .contains("ok      PTR 203.0.113.10 (relay mx1.example.org, its MX and EHLO name)")
                    .contains("ok      FCrDNS 198.51.100.20: mx2.example.org -> 198.51.100.20")
                    .contains("ok      SPF example.org for relay 203.0.113.10: pass")
                    .contains("ok      SPF example.org for home address 192.0.2.50: fail")
                    .contains("ok      DNSBL dnsbl.test 203.0.113.10: not listed")
                    .contains("ok      SRV _imap._tcp.example.org: 0 0 0 .")
                    .contains("ok      MTA-STS _mta-sts.example.org");
            assertThat(r.err()).contains("checking example.org").contains("checking relay mx1.example.org")
                    .contains("all ").contains("checks ok");
        }
    }

    @Test
    void wrongSpfMissingDkimPtrMismatchAndDnsblListingAreEachReported() throws Exception {
        List<String> faulty = new ArrayList<>();
        String removedDkim = null;
        for (String l : published) {
            if (l.contains("-rsa._domainkey.")) {
                removedDkim = l.substring(0, l.indexOf('.'));
                continue;
            }
            faulty.add(l.replace("ip4:203.0.113.10", "ip4:192.0.2.99"));
        }
        assertThat(removedDkim).isNotNull();
        String dnsbl = "10.113.0.203 A 127.0.0.2\n10.113.0.203 TXT \"listed for testing\"\n";
        try (KnotServer dns = KnotServer.start(dir.resolve("knot"), zones(faulty, "vps-1234.hoster.example.org.", dnsbl))) {
            CliFixture.Result r = check(dns, "--home-address", "192.0.2.99");
            assertThat(r.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
            String out = r.out();
            assertThat(out).contains("wrong   SPF example.org\n"
                    + "          expected: \"v=spf1 ip4:203.0.113.10 ip4:198.51.100.20 -all\" (other SPF terms)\n"
                    + "          found:    \"v=spf1 ip4:192.0.2.99 ip4:198.51.100.20 -all\"");
            assertThat(out).contains("wrong   SPF example.org for relay 203.0.113.10\n"
                    + "          expected: pass (the relay sends this domain's mail)\n          found:    fail");
            assertThat(out).contains("ok      SPF example.org for relay 198.51.100.20: pass");
            assertThat(out).contains("warn    SPF example.org for home address 192.0.2.99");
            assertThat(out).contains("missing DKIM key " + removedDkim + "._domainkey.example.org\n"
                    + "          expected: \"v=DKIM1; k=rsa; p=");
            assertThat(out).contains("wrong   PTR 203.0.113.10 (relay mx1.example.org, its MX and EHLO name)\n"
                    + "          expected: mx1.example.org.\n          found:    vps-1234.hoster.example.org.");
            assertThat(out).contains("wrong   FCrDNS 203.0.113.10\n"
                    + "          expected: vps-1234.hoster.example.org. -> 203.0.113.10\n"
                    + "          found:    vps-1234.hoster.example.org -> no such name");
            assertThat(out).contains("wrong   DNSBL dnsbl.test 203.0.113.10\n          expected: not listed\n"
                    + "          found:    listed: 127.0.0.2 \"listed for testing\"");
            assertThat(out).contains("ok      DNSBL dnsbl.test 198.51.100.20: not listed");
            // Exactly these seven are not ok; everything else still checks out.
            List<String> notOk = out.lines().filter(l -> !l.startsWith("ok ") && !l.startsWith(" ")).toList();
            assertThat(notOk).hasSize(7);
            assertThat(r.err()).contains("7 of ").contains("checks not ok");
        }
    }

    @Test
    void jsonOutputCarriesStatusExpectedAndFound() throws Exception {
        List<String> noTlsRpt = published.stream().filter(l -> !l.startsWith("_smtp._tls.")).toList();
        try (KnotServer dns = KnotServer.start(dir.resolve("knot"), zones(noTlsRpt, "mx1.example.org.", ""))) {
            CliFixture.Result r = check(dns, "--json");
            assertThat(r.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
            JsonNode rows = new ObjectMapper().readTree(r.out());
            List<JsonNode> bad = new ArrayList<>();
            rows.forEach(n -> {
                if (!n.get("status").asText().equals("ok")) {
                    bad.add(n);
                }
            });
            assertThat(bad).singleElement().satisfies(n -> {
                assertThat(n.get("status").asText()).isEqualTo("missing");
                assertThat(n.get("what").asText()).isEqualTo("TLS-RPT _smtp._tls.example.org");
                assertThat(n.get("expected").asText()).isEqualTo("\"v=TLSRPTv1; rua=mailto:postmaster@example.org\"");
            });
        }
    }

    @Test
    void anUnreachableResolverIsOneClearErrorNotAPageOfMissingRecords() throws Exception {
        int silentPort;
        // A bound UDP socket that never answers: the resolver times out.
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            silentPort = silent.getLocalPort();
            CliFixture.Result r = cli.run("dns", "check", "--resolver", "127.0.0.1:" + silentPort, "--timeout", "1");
            assertThat(r.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("DNS resolver 127.0.0.1:" + silentPort + " does not answer")
                    .contains("--resolver IP[:PORT]").doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void aServerThatRefusesOurDomainIsReportedAsSuchNotAsMissingRecords() throws Exception {
        try (KnotServer dns = KnotServer.start(dir.resolve("knot"), Map.of("other.test", "www A 192.0.2.1\n"))) {
            CliFixture.Result r = check(dns);
            assertThat(r.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("refuses to answer for example.org").contains("--resolver");
        }
    }

    @Test
    void aResolverThatIsNotAnIpAddressIsAUsageError() {
        CliFixture.Result r = cli.run("dns", "check", "--resolver", "dns.example.org");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--resolver").contains("is not IP, IP:PORT or [IPv6]:PORT");
    }
}
