package org.hearthmail.relay.gate;

import org.hearthmail.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.hearthmail.dns.FakeResolver;
import org.hearthmail.dns.InetAddressLiteral;
import org.junit.jupiter.api.Test;

/** DNS list and FCrDNS decisions on a data-only resolver. */
class ClientScreenTest {

    private final MutableClock clock = new MutableClock();
    private final FakeResolver dns = new FakeResolver();

    private static InetAddress ip(String s) {
        return InetAddressLiteral.parse(s);
    }

    private ScreenVerdict screen(ScreeningConfig config, String address) {
        return new ClientScreen(config, dns, clock).screen(ip(address)).join();
    }

    private static ScreeningConfig lists(int threshold, DnsListZone... zones) {
        return ScreeningConfig.none().withZones(List.of(zones), threshold);
    }

    @Test
    void listedOnABlockListReachingTheThresholdIsRefusedWith554NamingTheList() {
        dns.a("5.113.0.203.bl.example.test", "127.0.0.2");
        ScreenVerdict v = screen(lists(1, new DnsListZone("bl.example.test", 1)), "203.0.113.5");
        assertThat(v).isInstanceOfSatisfying(ScreenVerdict.Refuse.class, r -> {
            assertThat(r.reply().render(true)).startsWith("554 5.7.1 ").contains("[203.0.113.5]", "bl.example.test");
        });
        assertThat(dns.queries()).containsExactly("A 5.113.0.203.bl.example.test");
    }

    @Test
    void weightsAddUpAcrossListsAndBelowTheThresholdTheClientPasses() {
        dns.a("5.113.0.203.one.example.test", "127.0.0.2");
        dns.a("5.113.0.203.two.example.test", "127.0.0.10");
        ScreeningConfig config = lists(3, new DnsListZone("one.example.test", 1), new DnsListZone("two.example.test", 1),
                new DnsListZone("three.example.test", 2));
        assertThat(screen(config, "203.0.113.5")).isEqualTo(new ScreenVerdict.Pass(null, 2));
        dns.a("5.113.0.203.three.example.test", "127.0.0.4");
        assertThat(new ClientScreen(config, dns, clock).screen(ip("203.0.113.5")).join())
                .isInstanceOf(ScreenVerdict.Refuse.class);
    }

    @Test
    void allowListWeightOffsetsABlockListing() {
        dns.a("5.113.0.203.bl.example.test", "127.0.0.2");
        dns.a("5.113.0.203.wl.example.test", "127.0.0.3");
        ScreeningConfig config = lists(2, new DnsListZone("bl.example.test", 2), new DnsListZone("wl.example.test", -5));
        assertThat(screen(config, "203.0.113.5")).isEqualTo(new ScreenVerdict.Pass(null, -3));
    }

    @Test
    void ipv6IsQueriedInReversedNibbleFormat() {
        // RFC 5782 §2.4.
        dns.a("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.bl.example.test", "127.0.0.2");
        ScreenVerdict v = screen(lists(1, new DnsListZone("bl.example.test", 1)), "2001:db8::1");
        assertThat(v).isInstanceOf(ScreenVerdict.Refuse.class);
    }

    @Test
    void errorCodesAndAnswersOutside127AreNotListings() {
        // 127.255.255.254: Spamhaus' "query via public resolver" error; 198.51.100.1: an NXDOMAIN-rewriting resolver.
        dns.a("5.113.0.203.spamhaus.example.test", "127.255.255.254");
        dns.a("5.113.0.203.hijacked.example.test", "198.51.100.1");
        ScreeningConfig config = lists(1, new DnsListZone("spamhaus.example.test", 5), new DnsListZone("hijacked.example.test", 5));
        assertThat(screen(config, "203.0.113.5")).isEqualTo(new ScreenVerdict.Pass(null, 0));
    }

    @Test
    void aDnsListThatFailsCountsAsNotListed() {
        dns.servfail("5.113.0.203.bl.example.test");
        assertThat(screen(lists(1, new DnsListZone("bl.example.test", 1)), "203.0.113.5")).isEqualTo(new ScreenVerdict.Pass(null, 0));
    }

    @Test
    void forwardConfirmedNameIsTheClientName() {
        dns.ptr("192.0.2.25", "other.example.test", "mail.example.test");
        dns.a("other.example.test", "192.0.2.99");
        dns.a("mail.example.test", "192.0.2.25");
        ScreeningConfig config = ScreeningConfig.none().withFcrdns(FcrdnsMode.REQUIRED, 0);
        assertThat(screen(config, "192.0.2.25")).isEqualTo(new ScreenVerdict.Pass("mail.example.test", 0));
    }

    @Test
    void forwardConfirmationOfIpv6UsesAaaa() {
        dns.ptr("2001:db8::25", "mail6.example.test");
        dns.a("mail6.example.test", "192.0.2.25");
        dns.aaaa("mail6.example.test", "2001:db8::25");
        ScreeningConfig config = ScreeningConfig.none().withFcrdns(FcrdnsMode.REQUIRED, 0);
        assertThat(screen(config, "2001:db8::25")).isEqualTo(new ScreenVerdict.Pass("mail6.example.test", 0));
        assertThat(dns.queries()).contains("AAAA mail6.example.test").doesNotContain("A mail6.example.test");
    }

    @Test
    void ptrWhoseNameDoesNotPointBackIsRefusedWhenRequired() {
        dns.ptr("192.0.2.25", "forged.example.test");
        dns.a("forged.example.test", "192.0.2.26");
        ScreeningConfig config = ScreeningConfig.none().withFcrdns(FcrdnsMode.REQUIRED, 0);
        assertThat(screen(config, "192.0.2.25")).isInstanceOfSatisfying(ScreenVerdict.Refuse.class, r ->
                assertThat(r.reply().render(true)).startsWith("554 5.7.1 ").contains("host name", "[192.0.2.25]"));
    }

    @Test
    void noPtrAddsTheFcrdnsWeightInScoreMode() {
        dns.a("25.2.0.192.bl.example.test", "127.0.0.2");
        ScreeningConfig config = lists(3, new DnsListZone("bl.example.test", 2)).withFcrdns(FcrdnsMode.SCORE, 1);
        assertThat(screen(config, "192.0.2.25")).isInstanceOfSatisfying(ScreenVerdict.Refuse.class, r ->
                assertThat(r.reply().text()).contains("bl.example.test", "no forward-confirmed host name"));
        assertThat(screen(config.withFcrdns(FcrdnsMode.SCORE, 0), "192.0.2.25")).isEqualTo(new ScreenVerdict.Pass(null, 2));
    }

    @Test
    void temporaryPtrFailureIsA421WhenAHostNameIsRequired() {
        dns.servfail("25.2.0.192.in-addr.arpa");
        ScreeningConfig config = ScreeningConfig.none().withFcrdns(FcrdnsMode.REQUIRED, 0);
        assertThat(screen(config, "192.0.2.25")).isInstanceOfSatisfying(ScreenVerdict.Refuse.class, r ->
                assertThat(r.reply().render(true)).startsWith("421 4.7.0 "));
    }

    @Test
    void allowListedClientNeedsNoHostName() {
        dns.a("25.2.0.192.wl.example.test", "127.0.0.2");
        ScreeningConfig config = lists(1, new DnsListZone("wl.example.test", -1)).withFcrdns(FcrdnsMode.REQUIRED, 0);
        assertThat(screen(config, "192.0.2.25")).isEqualTo(new ScreenVerdict.Pass(null, -1));
    }

    @Test
    void verdictIsCachedUntilItsTtlThenAskedAgain() {
        dns.a("5.113.0.203.bl.example.test", "127.0.0.2");
        ScreeningConfig config = lists(1, new DnsListZone("bl.example.test", 1))
                .withTtls(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofMinutes(1));
        ClientScreen screen = new ClientScreen(config, dns, clock);
        screen.screen(ip("203.0.113.5")).join();
        screen.screen(ip("203.0.113.5")).join();
        assertThat(dns.queries()).hasSize(1);
        clock.advance(Duration.ofMinutes(29));
        screen.screen(ip("203.0.113.5")).join();
        assertThat(dns.queries()).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        screen.screen(ip("203.0.113.5")).join();
        assertThat(dns.queries()).hasSize(2);
    }

    @Test
    void verdictReachedDespiteADnsFailureIsCachedOnlyBriefly() {
        dns.servfail("5.113.0.203.bl.example.test");
        ScreeningConfig config = lists(1, new DnsListZone("bl.example.test", 1))
                .withTtls(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofSeconds(30));
        ClientScreen screen = new ClientScreen(config, dns, clock);
        screen.screen(ip("203.0.113.5")).join();
        clock.advance(Duration.ofSeconds(31));
        screen.screen(ip("203.0.113.5")).join();
        assertThat(dns.queries()).hasSize(2);
    }

    @Test
    void noChecksConfiguredAsksNoDns() {
        assertThat(new ClientScreen(ScreeningConfig.none(), null, clock).screen(ip("192.0.2.1")).join())
                .isEqualTo(ScreenVerdict.PASS_UNCHECKED);
    }

    @Test
    void publicResolverIsWarnedAboutOnlyWhenDnsListsAreUsed() {
        ScreeningConfig withLists = lists(1, new DnsListZone("bl.example.test", 1));
        for (String a : List.of("8.8.8.8", "1.1.1.1", "9.9.9.9", "208.67.222.222", "2606:4700:4700::1111", "2001:4860:4860::8888")) {
            assertThat(PublicResolvers.warning(ip(a), withLists)).as(a).isPresent();
        }
        assertThat(PublicResolvers.warning(ip("127.0.0.53"), withLists)).isEmpty();
        assertThat(PublicResolvers.warning(ip("8.8.8.8"), ScreeningConfig.none())).isEmpty();
    }
}
