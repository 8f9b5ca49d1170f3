package org.hearthmail.dmarc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.hearthmail.dkim.DkimResult;
import org.hearthmail.dkim.DkimStatus;
import org.hearthmail.dns.FakeResolver;
import org.hearthmail.spf.SpfResult;
import org.hearthmail.spf.SpfVerdict;
import org.junit.jupiter.api.Test;

class DmarcEvaluatorTest {

    private final FakeResolver dns = new FakeResolver();
    private double nextRandom = 0.5;
    private final DmarcEvaluator dmarc = new DmarcEvaluator(dns, () -> nextRandom);

    private static SpfVerdict spf(SpfResult r, String domain) {
        return new SpfVerdict(r, SpfVerdict.Identity.MAILFROM, domain, Optional.empty(), "test");
    }

    private static DkimResult dkim(DkimStatus s, String d) {
        return new DkimResult(s, "test", d, "sel", "AAAA", "@" + d, "ed25519-sha256");
    }

    private DmarcVerdict eval(String from, SpfVerdict spf, DkimResult... dkim) {
        return dmarc.evaluate(from, spf, List.of(dkim)).join();
    }

    @Test
    void organizationalDomainUsesPublicSuffixListWithDefaultRule() {
        assertThat(OrganizationalDomain.of("mail.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(OrganizationalDomain.of("a.b.example.com.")).isEqualTo("example.com");
        assertThat(OrganizationalDomain.of("EXAMPLE.com")).isEqualTo("example.com");
        assertThat(OrganizationalDomain.of("x.y.example.test")).isEqualTo("example.test");
        assertThat(OrganizationalDomain.of("example.test")).isEqualTo("example.test");
        assertThat(OrganizationalDomain.of("co.uk")).isEqualTo("co.uk");
    }

    @Test
    void relaxedAlignmentAcceptsOrganizationalMatchStrictNeedsExactMatch() {
        assertThat(Alignment.RELAXED.aligned("bounce.example.test", "example.test")).isTrue();
        assertThat(Alignment.RELAXED.aligned("example.test", "news.example.test")).isTrue();
        assertThat(Alignment.RELAXED.aligned("example.org", "example.test")).isFalse();
        assertThat(Alignment.RELAXED.aligned("a.example.co.uk", "b.other.co.uk")).isFalse();
        assertThat(Alignment.STRICT.aligned("bounce.example.test", "example.test")).isFalse();
        assertThat(Alignment.STRICT.aligned("Example.Test.", "example.test")).isTrue();
    }

    @Test
    void noRecordIsNone() {
        DmarcVerdict v = eval("example.test", spf(SpfResult.PASS, "example.test"));
        assertThat(v.result()).isEqualTo(DmarcResult.NONE);
        assertThat(dns.queries()).containsExactly("TXT _dmarc.example.test");
    }

    @Test
    void alignedSpfPassOrDkimPassPasses() {
        dns.txt("_dmarc.example.test", "v=DMARC1; p=reject");
        DmarcVerdict bySpf = eval("example.test", spf(SpfResult.PASS, "bounce.example.test"));
        assertThat(bySpf.result()).isEqualTo(DmarcResult.PASS);
        assertThat(bySpf.spfAligned()).isTrue();
        assertThat(bySpf.apply()).isEqualTo(DmarcPolicy.NONE);
        DmarcVerdict byDkim = eval("example.test", spf(SpfResult.FAIL, "example.test"), dkim(DkimStatus.PASS, "example.test"));
        assertThat(byDkim.result()).isEqualTo(DmarcResult.PASS);
        assertThat(byDkim.dkimAligned()).isTrue();
    }

    @Test
    void unalignedPassesFailAndPolicyApplies() {
        dns.txt("_dmarc.example.test", "v=DMARC1; p=reject");
        DmarcVerdict v = eval("example.test", spf(SpfResult.PASS, "mailer.example.org"),
                dkim(DkimStatus.PASS, "example.org"), dkim(DkimStatus.FAIL, "example.test"));
        assertThat(v.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(v.apply()).isEqualTo(DmarcPolicy.REJECT);
    }

    @Test
    void strictModesRefuseSubdomains() {
        dns.txt("_dmarc.example.test", "v=DMARC1; p=quarantine; adkim=s; aspf=s");
        DmarcVerdict v = eval("example.test", spf(SpfResult.PASS, "bounce.example.test"),
                dkim(DkimStatus.PASS, "mail.example.test"));
        assertThat(v.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(v.apply()).isEqualTo(DmarcPolicy.QUARANTINE);
        assertThat(eval("example.test", spf(SpfResult.PASS, "example.test")).result()).isEqualTo(DmarcResult.PASS);
    }

    @Test
    void subdomainFallsBackToOrganizationalRecordAndUsesSp() {
        dns.txt("_dmarc.example.test", "v=DMARC1; p=reject; sp=quarantine");
        DmarcVerdict v = eval("news.example.test", spf(SpfResult.FAIL, "news.example.test"));
        assertThat(v.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(v.recordDomain()).isEqualTo("example.test");
        assertThat(v.apply()).isEqualTo(DmarcPolicy.QUARANTINE);
        assertThat(dns.queries()).containsExactly("TXT _dmarc.news.example.test", "TXT _dmarc.example.test");
    }

    @Test
    void subdomainOwnRecordUsesItsP() {
        dns.txt("_dmarc.example.test", "v=DMARC1; p=reject; sp=none")
           .txt("_dmarc.news.example.test", "v=DMARC1; p=quarantine");
        assertThat(eval("news.example.test", spf(SpfResult.FAIL, "x.test")).apply()).isEqualTo(DmarcPolicy.QUARANTINE);
    }

    @Test
    void pctSamplesOutToWeakerPolicy() {
        dns.txt("_dmarc.example.test", "v=DMARC1; p=reject; pct=20");
        nextRandom = 0.5;
        DmarcVerdict out = eval("example.test", spf(SpfResult.FAIL, "example.test"));
        assertThat(out.sampledOut()).isTrue();
        assertThat(out.apply()).isEqualTo(DmarcPolicy.QUARANTINE);
        nextRandom = 0.1;
        DmarcVerdict in = eval("example.test", spf(SpfResult.FAIL, "example.test"));
        assertThat(in.sampledOut()).isFalse();
        assertThat(in.apply()).isEqualTo(DmarcPolicy.REJECT);
    }

    @Test
    void dnsFailureIsTemperror() {
        dns.servfail("_dmarc.example.test");
        assertThat(eval("example.test", spf(SpfResult.PASS, "example.test")).result()).isEqualTo(DmarcResult.TEMPERROR);
    }

    @Test
    void multipleRecordsOrNonDmarcTextAreNone() {
        dns.txt("_dmarc.a.test", "v=DMARC1; p=reject", "v=DMARC1; p=none")
           .txt("_dmarc.b.test", "v=spf1 -all", "hello");
        assertThat(eval("a.test", spf(SpfResult.FAIL, "a.test")).result()).isEqualTo(DmarcResult.NONE);
        assertThat(eval("b.test", spf(SpfResult.FAIL, "b.test")).result()).isEqualTo(DmarcResult.NONE);
    }

    @Test
    void badRecordIsPermerrorButRuaRescuesMissingP() {
        dns.txt("_dmarc.a.test", "v=DMARC1; p=bogus")
           .txt("_dmarc.b.test", "v=DMARC1; rua=mailto:d@b.test");
        assertThat(eval("a.test", spf(SpfResult.FAIL, "a.test")).result()).isEqualTo(DmarcResult.PERMERROR);
        DmarcVerdict b = eval("b.test", spf(SpfResult.FAIL, "b.test"));
        assertThat(b.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(b.apply()).isEqualTo(DmarcPolicy.NONE);
    }

    @Test
    void recordParsing() throws Exception {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=quarantine; sp=reject; adkim=s; aspf=r; pct=50; rua=mailto:x@y.test");
        assertThat(r.policy()).isEqualTo(DmarcPolicy.QUARANTINE);
        assertThat(r.subdomainPolicy()).contains(DmarcPolicy.REJECT);
        assertThat(r.dkimAlignment()).isEqualTo(Alignment.STRICT);
        assertThat(r.percent()).isEqualTo(50);
        assertThat(DmarcRecord.isDmarcRecord("p=none; v=DMARC1")).isFalse();
        assertThat(DmarcRecord.isDmarcRecord("v=dmarc1; p=none")).isFalse();
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; p=none; pct=101")).isInstanceOf(DmarcSyntaxException.class);
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; p=none; adkim=x")).isInstanceOf(DmarcSyntaxException.class);
    }
}
