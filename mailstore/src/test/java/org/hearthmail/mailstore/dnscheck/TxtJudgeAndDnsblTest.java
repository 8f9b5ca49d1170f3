package org.hearthmail.mailstore.dnscheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.hearthmail.mailstore.dnsrecords.Purpose;
import org.junit.jupiter.api.Test;

/** The comparison rules of {@code dns check}, without DNS. */
class TxtJudgeAndDnsblTest {

    @Test
    void dnsblQueryNamesReverseOctetsAndNibbles() throws Exception {
        // RFC 5782 §2.1 and §2.4 examples.
        assertThat(DnsblCheck.queryName(InetAddress.getByName("192.0.2.99"), "bad.example.com"))
                .isEqualTo("99.2.0.192.bad.example.com");
        assertThat(DnsblCheck.queryName(InetAddress.getByName("2001:db8:1:2:3:4:567:89ab"), "ugly.example.com."))
                .isEqualTo("b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2.ugly.example.com");
    }

    @Test
    void spfComparesTermsCaseAndSpaceInsensitivelyButNotTheirSet() {
        String want = "v=spf1 ip4:203.0.113.10 -all";
        assertThat(TxtJudge.mismatch(Purpose.SPF, want, "V=SPF1  ip4:203.0.113.10   -ALL")).isEmpty();
        assertThat(TxtJudge.mismatch(Purpose.SPF, want, "v=spf1 ip4:203.0.113.10 ~all")).isPresent();
        assertThat(TxtJudge.mismatch(Purpose.SPF, want, "v=spf1 ip4:203.0.113.10 ip4:192.0.2.1 -all")).isPresent();
    }

    @Test
    void onlyRecordsOfThePurposeCount() {
        List<String> found = List.of("google-site-verification=abc", "v=spf1 -all", "v=spf10 x");
        assertThat(TxtJudge.relevant(Purpose.SPF, found)).containsExactly("v=spf1 -all");
        assertThat(TxtJudge.relevant(Purpose.TLS_RPT, List.of("v=TLSRPTv1; rua=mailto:a@b", "x"))).hasSize(1);
    }

    @Test
    void dmarcIsOkWhenItEnforcesAndWrongWhenItOnlyMonitors() {
        String want = "v=DMARC1; p=quarantine; rua=mailto:postmaster@example.org";
        assertThat(TxtJudge.mismatch(Purpose.DMARC, want, "v=DMARC1; p=reject")).isEmpty();
        assertThat(TxtJudge.mismatch(Purpose.DMARC, want, "v=DMARC1; p=none")).get().asString().contains("p=none");
    }

    @Test
    void mtaStsNeedsTheSameIdAndTlsRptAReportAddress() {
        assertThat(TxtJudge.mismatch(Purpose.MTA_STS, "v=STSv1; id=abc123", "v=STSv1;id=abc123;")).isEmpty();
        assertThat(TxtJudge.mismatch(Purpose.MTA_STS, "v=STSv1; id=abc123", "v=STSv1; id=20240101")).isPresent();
        assertThat(TxtJudge.mismatch(Purpose.TLS_RPT, "v=TLSRPTv1; rua=mailto:p@example.org", "v=TLSRPTv1;")).isPresent();
    }

    @Test
    void aReportLineShowsExpectedAndFoundOnlyWhenNotOk() {
        assertThat(CheckItem.ok("MX example.org mx.example.org", "10 mx.example.org.").line())
                .isEqualTo("ok      MX example.org mx.example.org: 10 mx.example.org.");
        assertThat(new CheckItem(CheckStatus.MISSING, "SRV _imaps._tcp.example.org", "0 1 993 mx.example.org.", "").line())
                .isEqualTo("missing SRV _imaps._tcp.example.org\n          expected: 0 1 993 mx.example.org.\n"
                        + "          found:    nothing");
    }
}
