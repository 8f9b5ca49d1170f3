package org.hearthmail.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.hearthmail.dns.FakeResolver;
import org.hearthmail.dns.InetAddressLiteral;
import org.junit.jupiter.api.Test;

class SpfCheckerTest {

    private final FakeResolver dns = new FakeResolver();
    private final SpfChecker spf = new SpfChecker(dns, "mx.receiver.test",
            Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC));

    private SpfVerdict check(String ip, String mailFrom) {
        return spf.checkMailFrom(InetAddressLiteral.parse(ip), mailFrom, "helo.example.test").join();
    }

    private SpfResult result(String ip, String mailFrom) {
        return check(ip, mailFrom).result();
    }

    @Test
    void noRecordGivesNone() {
        dns.txt("example.test", "some other text");
        assertThat(result("192.0.2.1", "a@example.test")).isEqualTo(SpfResult.NONE);
        assertThat(result("192.0.2.1", "a@nonexistent.test")).isEqualTo(SpfResult.NONE);
    }

    @Test
    void malformedOrSingleLabelDomainGivesNoneWithoutLookup() {
        assertThat(result("192.0.2.1", "a@localhost")).isEqualTo(SpfResult.NONE);
        assertThat(result("192.0.2.1", "a@bad..example.test")).isEqualTo(SpfResult.NONE);
        assertThat(dns.queries()).isEmpty();
    }

    @Test
    void servfailOnRecordLookupGivesTemperror() {
        dns.servfail("example.test");
        assertThat(result("192.0.2.1", "a@example.test")).isEqualTo(SpfResult.TEMPERROR);
    }

    @Test
    void twoSpfRecordsArePermerror() {
        dns.txt("example.test", "v=spf1 -all", "v=spf1 +all");
        assertThat(result("192.0.2.1", "a@example.test")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void versionMustBeFollowedBySpaceOrEnd() {
        dns.txt("example.test", "v=spf10 -all");
        assertThat(result("192.0.2.1", "a@example.test")).isEqualTo(SpfResult.NONE);
        dns.txt("other.test", "V=SPF1");
        assertThat(result("192.0.2.1", "a@other.test")).isEqualTo(SpfResult.NEUTRAL);
    }

    @Test
    void qualifiersMapToResults() {
        dns.txt("p.test", "v=spf1 +all").txt("f.test", "v=spf1 -all").txt("s.test", "v=spf1 ~all")
           .txt("n.test", "v=spf1 ?all").txt("d.test", "v=spf1 all");
        assertThat(result("192.0.2.1", "a@p.test")).isEqualTo(SpfResult.PASS);
        assertThat(result("192.0.2.1", "a@f.test")).isEqualTo(SpfResult.FAIL);
        assertThat(result("192.0.2.1", "a@s.test")).isEqualTo(SpfResult.SOFTFAIL);
        assertThat(result("192.0.2.1", "a@n.test")).isEqualTo(SpfResult.NEUTRAL);
        assertThat(result("192.0.2.1", "a@d.test")).isEqualTo(SpfResult.PASS);
    }

    @Test
    void noMatchWithoutRedirectIsNeutral() {
        dns.txt("example.test", "v=spf1 ip4:198.51.100.0/24");
        assertThat(result("192.0.2.1", "a@example.test")).isEqualTo(SpfResult.NEUTRAL);
    }

    @Test
    void ip4MatchesByPrefix() {
        dns.txt("example.test", "v=spf1 ip4:192.0.2.128/25 -all");
        assertThat(result("192.0.2.200", "a@example.test")).isEqualTo(SpfResult.PASS);
        assertThat(result("192.0.2.100", "a@example.test")).isEqualTo(SpfResult.FAIL);
        assertThat(result("2001:db8::1", "a@example.test")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void ip4MappedClientAddressIsTreatedAsIpv4() {
        dns.txt("example.test", "v=spf1 ip4:192.0.2.1 -all");
        InetAddress mapped = InetAddressLiteral.unmap(InetAddressLiteral.parse("::ffff:192.0.2.1"));
        assertThat(spf.checkMailFrom(mapped, "a@example.test", "h.test").join().result()).isEqualTo(SpfResult.PASS);
    }

    @Test
    void ip6MatchesByPrefix() {
        dns.txt("example.test", "v=spf1 ip6:2001:db8:1::/48 -all");
        assertThat(result("2001:db8:1:ffff::5", "a@example.test")).isEqualTo(SpfResult.PASS);
        assertThat(result("2001:db8:2::5", "a@example.test")).isEqualTo(SpfResult.FAIL);
        assertThat(result("192.0.2.1", "a@example.test")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void badIpNetworkIsPermerror() {
        dns.txt("a.test", "v=spf1 ip4:192.0.2.300 -all").txt("b.test", "v=spf1 ip4:192.0.2.0/33 -all")
           .txt("c.test", "v=spf1 ip6:192.0.2.1 -all").txt("d.test", "v=spf1 ip4:192.0.2.0/024 -all");
        for (String d : new String[] {"a.test", "b.test", "c.test", "d.test"}) {
            assertThat(result("192.0.2.1", "x@" + d)).as(d).isEqualTo(SpfResult.PERMERROR);
        }
    }

    @Test
    void aMechanismUsesCurrentDomainOrSpecAndDualCidr() {
        dns.txt("example.test", "v=spf1 a a:other.test/24 a:six.test//64 -all")
           .a("example.test", "192.0.2.10")
           .a("other.test", "198.51.100.7")
           .aaaa("six.test", "2001:db8:6::1");
        assertThat(result("192.0.2.10", "a@example.test")).isEqualTo(SpfResult.PASS);
        assertThat(result("198.51.100.99", "a@example.test")).isEqualTo(SpfResult.PASS);
        assertThat(result("2001:db8:6::abcd", "a@example.test")).isEqualTo(SpfResult.PASS);
        assertThat(result("203.0.113.1", "a@example.test")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void aMechanismServfailIsTemperror() {
        dns.txt("example.test", "v=spf1 a:broken.test -all").servfail("broken.test");
        assertThat(result("192.0.2.1", "a@example.test")).isEqualTo(SpfResult.TEMPERROR);
    }

    @Test
    void mxMechanismChecksEachExchangeAddress() {
        dns.txt("example.test", "v=spf1 mx -all")
           .mx("example.test", 20, "mx2.example.test").mx("example.test", 10, "mx1.example.test")
           .a("mx1.example.test", "192.0.2.1").a("mx2.example.test", "192.0.2.2");
        assertThat(result("192.0.2.2", "a@example.test")).isEqualTo(SpfResult.PASS);
        assertThat(result("192.0.2.3", "a@example.test")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void mxWithMoreThanTenExchangesIsPermerror() {
        dns.txt("example.test", "v=spf1 mx -all");
        for (int i = 0; i < 11; i++) {
            dns.mx("example.test", i, "mx" + i + ".example.test").a("mx" + i + ".example.test", "192.0.2." + (i + 1));
        }
        assertThat(result("203.0.113.1", "a@example.test")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void ptrMatchesValidatedNameUnderTargetAndIgnoresUnconfirmedNames() {
        dns.txt("example.test", "v=spf1 ptr -all")
           .ptr("192.0.2.5", "host.example.test").a("host.example.test", "192.0.2.5")
           .ptr("192.0.2.6", "liar.example.test").a("liar.example.test", "198.51.100.1");
        assertThat(result("192.0.2.5", "a@example.test")).isEqualTo(SpfResult.PASS);
        assertThat(result("192.0.2.6", "a@example.test")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void ptrDnsErrorIsNoMatchNotTemperror() {
        dns.txt("example.test", "v=spf1 ptr ?all").servfail("5.2.0.192.in-addr.arpa");
        assertThat(result("192.0.2.5", "a@example.test")).isEqualTo(SpfResult.NEUTRAL);
    }

    @Test
    void existsMatchesWhenAnARecordExists() {
        dns.txt("example.test", "v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} -all")
           .a("1.2.0.192.alice._spf.example.test", "127.0.0.2");
        assertThat(result("192.0.2.1", "alice@example.test")).isEqualTo(SpfResult.PASS);
        assertThat(result("192.0.2.1", "bob@example.test")).isEqualTo(SpfResult.FAIL);
        assertThat(dns.queries()).contains("A 1.2.0.192.bob._spf.example.test");
    }

    @Test
    void includeMapsInnerResults() {
        dns.txt("example.test", "v=spf1 include:pass.test include:fail.test -all")
           .txt("pass.test", "v=spf1 ip4:192.0.2.1 -all")
           .txt("fail.test", "v=spf1 ip4:192.0.2.2 -all");
        assertThat(result("192.0.2.1", "a@example.test")).isEqualTo(SpfResult.PASS);
        assertThat(result("192.0.2.2", "a@example.test")).isEqualTo(SpfResult.PASS);
        assertThat(result("192.0.2.3", "a@example.test")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void includeOfDomainWithoutRecordIsPermerror() {
        dns.txt("example.test", "v=spf1 include:nothing.test -all").exists("nothing.test");
        assertThat(result("192.0.2.1", "a@example.test")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void includeTemperrorPropagates() {
        dns.txt("example.test", "v=spf1 include:down.test -all").servfail("down.test");
        assertThat(result("192.0.2.1", "a@example.test")).isEqualTo(SpfResult.TEMPERROR);
    }

    @Test
    void redirectReplacesResultAndTargetWithoutRecordIsPermerror() {
        dns.txt("example.test", "v=spf1 ip4:198.51.100.1 redirect=_spf.example.test")
           .txt("_spf.example.test", "v=spf1 ip4:192.0.2.0/24 ~all")
           .txt("broken.test", "v=spf1 redirect=void.test");
        assertThat(result("192.0.2.9", "a@example.test")).isEqualTo(SpfResult.PASS);
        assertThat(result("203.0.113.1", "a@example.test")).isEqualTo(SpfResult.SOFTFAIL);
        assertThat(result("203.0.113.1", "a@broken.test")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void redirectIsIgnoredWhenRecordHasAll() {
        dns.txt("example.test", "v=spf1 ?all redirect=other.test").txt("other.test", "v=spf1 -all");
        assertThat(result("192.0.2.1", "a@example.test")).isEqualTo(SpfResult.NEUTRAL);
    }

    @Test
    void duplicateRedirectOrExpIsPermerror() {
        dns.txt("a.test", "v=spf1 redirect=x.test redirect=y.test").txt("b.test", "v=spf1 -all exp=x.test exp=y.test");
        assertThat(result("192.0.2.1", "a@a.test")).isEqualTo(SpfResult.PERMERROR);
        assertThat(result("192.0.2.1", "a@b.test")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void unknownModifierIsIgnoredButUnknownMechanismIsPermerror() {
        dns.txt("a.test", "v=spf1 foo=bar.%{d} -all").txt("b.test", "v=spf1 +all foo:bar");
        assertThat(result("192.0.2.1", "a@a.test")).isEqualTo(SpfResult.FAIL);
        assertThat(result("192.0.2.1", "a@b.test")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void syntaxErrorLaterInRecordIsPermerrorEvenIfEarlierTermMatches() {
        dns.txt("example.test", "v=spf1 +all include:");
        assertThat(result("192.0.2.1", "a@example.test")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void expExplanationIsExpandedOnFail() {
        dns.txt("example.test", "v=spf1 -all exp=explain._spf.%{d}")
           .txt("explain._spf.example.test", "%{i} is not one of %{d}'s designated mail servers (%{c} via %{r} at %{t})");
        SpfVerdict v = check("192.0.2.1", "a@example.test");
        assertThat(v.result()).isEqualTo(SpfResult.FAIL);
        assertThat(v.explanation()).contains(
                "192.0.2.1 is not one of example.test's designated mail servers (192.0.2.1 via mx.receiver.test at 1700000000)");
    }

    @Test
    void brokenExplanationIsLeftOutWithoutChangingResult() {
        dns.txt("example.test", "v=spf1 -all exp=explain.example.test").txt("explain.example.test", "bad %{x}");
        SpfVerdict v = check("192.0.2.1", "a@example.test");
        assertThat(v.result()).isEqualTo(SpfResult.FAIL);
        assertThat(v.explanation()).isEmpty();
    }

    @Test
    void moreThanTenLookupsIsPermerror() {
        StringBuilder rec = new StringBuilder("v=spf1");
        for (int i = 0; i < 11; i++) {
            rec.append(" a:h").append(i).append(".example.test");
            dns.a("h" + i + ".example.test", "198.51.100." + (i + 1));
        }
        dns.txt("example.test", rec.append(" -all").toString());
        SpfVerdict v = check("192.0.2.1", "a@example.test");
        assertThat(v.result()).isEqualTo(SpfResult.PERMERROR);
        assertThat(v.reason()).contains("DNS lookups");
        // The 10th lookup still happens, the 11th does not.
        assertThat(dns.queries()).contains("A h9.example.test").doesNotContain("A h10.example.test");
    }

    @Test
    void tenLookupsAreAllowedAndIncludesCountTowardTheLimit() {
        StringBuilder rec = new StringBuilder("v=spf1");
        for (int i = 0; i < 9; i++) {
            rec.append(" a:h").append(i).append(".example.test");
            dns.a("h" + i + ".example.test", "198.51.100." + (i + 1));
        }
        dns.txt("example.test", rec + " include:inc.test -all");
        dns.txt("inc.test", "v=spf1 ip4:192.0.2.1 -all");
        assertThat(result("192.0.2.1", "a@example.test")).isEqualTo(SpfResult.PASS);
        dns.txt("deep.test", rec + " include:inc2.test -all");
        dns.txt("inc2.test", "v=spf1 a:h0.example.test ip4:192.0.2.1 -all");
        assertThat(result("192.0.2.1", "a@deep.test")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void includeLoopStopsAtLookupLimit() {
        dns.txt("loop.test", "v=spf1 include:loop.test -all");
        assertThat(result("192.0.2.1", "a@loop.test")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void thirdVoidLookupIsPermerror() {
        dns.txt("example.test", "v=spf1 a:v1.test a:v2.test a:v3.test +all")
           .txt("two.test", "v=spf1 a:v1.test a:v2.test +all")
           .exists("v2.test");
        assertThat(result("192.0.2.1", "a@example.test")).isEqualTo(SpfResult.PERMERROR);
        assertThat(result("192.0.2.1", "a@two.test")).isEqualTo(SpfResult.PASS);
    }

    @Test
    void nullReversePathChecksPostmasterAtHelo() {
        dns.txt("helo.example.test", "v=spf1 ip4:192.0.2.1 -all");
        SpfVerdict v = check("192.0.2.1", "<>");
        assertThat(v.result()).isEqualTo(SpfResult.PASS);
        assertThat(v.domain()).isEqualTo("helo.example.test");
    }

    @Test
    void heloIdentityIsCheckedAndAddressLiteralIsNone() {
        dns.txt("mail.example.test", "v=spf1 a -all").a("mail.example.test", "192.0.2.25");
        InetAddress ip = InetAddressLiteral.parse("192.0.2.25");
        SpfVerdict v = spf.checkHelo(ip, "mail.example.test").join();
        assertThat(v.result()).isEqualTo(SpfResult.PASS);
        assertThat(v.identity()).isEqualTo(SpfVerdict.Identity.HELO);
        assertThat(spf.checkHelo(ip, "[192.0.2.25]").join().result()).isEqualTo(SpfResult.NONE);
        assertThat(spf.checkHelo(ip, "192.0.2.25").join().result()).isEqualTo(SpfResult.NONE);
    }

    @Test
    void pMacroUsesValidatedName() {
        dns.txt("example.test", "v=spf1 exists:%{p}.allowed.test -all")
           .ptr("192.0.2.5", "h.example.test").a("h.example.test", "192.0.2.5")
           .a("h.example.test.allowed.test", "127.0.0.2");
        assertThat(result("192.0.2.5", "a@example.test")).isEqualTo(SpfResult.PASS);
        assertThat(result("192.0.2.6", "a@example.test")).isEqualTo(SpfResult.FAIL);
        assertThat(dns.queries()).contains("A unknown.allowed.test");
    }

    @Test
    void longExpandedDomainIsTruncatedFromTheLeft() {
        String longLabel = "x".repeat(60);
        String local = String.join(".", longLabel, longLabel, longLabel, longLabel, longLabel);
        dns.txt("example.test", "v=spf1 exists:%{l}.example.test -all");
        assertThat(result("192.0.2.1", local + "@example.test")).isEqualTo(SpfResult.FAIL);
        String asked = dns.queries().stream().filter(q -> q.startsWith("A ")).findFirst().orElseThrow().substring(2);
        assertThat(asked.length()).isLessThanOrEqualTo(253);
        assertThat(asked).endsWith(longLabel + ".example.test");
    }

    @Test
    void evaluationThatNeverAnswersEndsWithTemperrorAtTheDeadline() {
        org.hearthmail.dns.DnsResolver silent = new org.hearthmail.dns.DnsResolver() {
            @Override
            public java.util.concurrent.CompletableFuture<org.hearthmail.dns.DnsResult<String>> txt(String name) {
                return new java.util.concurrent.CompletableFuture<>();
            }

            @Override
            public java.util.concurrent.CompletableFuture<org.hearthmail.dns.DnsResult<java.net.Inet4Address>> a(String n) {
                return new java.util.concurrent.CompletableFuture<>();
            }

            @Override
            public java.util.concurrent.CompletableFuture<org.hearthmail.dns.DnsResult<java.net.Inet6Address>> aaaa(String n) {
                return new java.util.concurrent.CompletableFuture<>();
            }

            @Override
            public java.util.concurrent.CompletableFuture<org.hearthmail.dns.DnsResult<org.hearthmail.dns.MxHost>> mx(String n) {
                return new java.util.concurrent.CompletableFuture<>();
            }

            @Override
            public java.util.concurrent.CompletableFuture<org.hearthmail.dns.DnsResult<String>> ptr(InetAddress a) {
                return new java.util.concurrent.CompletableFuture<>();
            }
        };
        SpfChecker slow = new SpfChecker(silent, "mx.test", Clock.systemUTC(), java.time.Duration.ofMillis(200));
        SpfVerdict v = slow.checkMailFrom(InetAddressLiteral.parse("192.0.2.1"), "a@example.test", "h.test").join();
        assertThat(v.result()).isEqualTo(SpfResult.TEMPERROR);
        assertThat(v.reason()).contains("no result within");
    }
}
