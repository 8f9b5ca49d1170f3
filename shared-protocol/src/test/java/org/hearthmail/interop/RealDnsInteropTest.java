package org.hearthmail.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.hearthmail.authres.AuthResultsBuilder;
import org.hearthmail.dkim.DkimKeys;
import org.hearthmail.dkim.DkimResult;
import org.hearthmail.dkim.DkimSigner;
import org.hearthmail.dkim.DkimSigningKey;
import org.hearthmail.dkim.DkimStatus;
import org.hearthmail.dkim.DkimVerifier;
import org.hearthmail.dmarc.DmarcEvaluator;
import org.hearthmail.dmarc.DmarcPolicy;
import org.hearthmail.dmarc.DmarcResult;
import org.hearthmail.dmarc.DmarcVerdict;
import org.hearthmail.dns.DnsResult;
import org.hearthmail.dns.DnsjavaResolver;
import org.hearthmail.dns.InetAddressLiteral;
import org.hearthmail.dns.MxHost;
import org.hearthmail.spf.SpfChecker;
import org.hearthmail.spf.SpfResult;
import org.hearthmail.spf.SpfVerdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real DNS server (knotd on 127.0.0.1, free port): the dnsjava resolver's outcomes, SPF
 * results compared with Debian's pyspf for the same inputs, and DKIM + DMARC + Authentication-Results
 * end to end with keys published in DNS.
 */
class RealDnsInteropTest {

    @TempDir
    static Path dir;
    static KnotServer knot;
    static ExecutorService executor;
    static DnsjavaResolver dns;
    static final KeyPair ED = DkimKeys.generateEd25519();
    static final KeyPair RSA = DkimKeys.generateRsa2048();

    static final String EXAMPLE_ZONE = String.join("\n",
            "@ TXT \"v=spf1 ip4:192.0.2.10 a:mail.example.test mx include:_spf.example.test -all\"",
            "@ MX 10 mx1.example.test.",
            "@ MX 20 mx2.example.test.",
            "mx1 A 192.0.2.30",
            "mx2 AAAA 2001:db8::30",
            "mail A 192.0.2.20",
            "mail AAAA 2001:db8::20",
            "mail TXT \"v=spf1 a -all\"",
            "_spf TXT \"v=spf1 ip4:198.51.100.0/24 exists:%{ir}.list.example.test ~all\"",
            "5.113.0.203.list A 127.0.0.2",
            "redirect TXT \"v=spf1 ip4:203.0.113.99 redirect=example.test\"",
            "soft TXT \"v=spf1 ~all\"",
            "neutral TXT \"v=spf1 ?all\"",
            "loop TXT \"v=spf1 include:loop.example.test -all\"",
            "void TXT \"v=spf1 a:n1.example.test a:n2.example.test a:n3.example.test -all\"",
            "ptr TXT \"v=spf1 ptr:example.test -all\"",
            "host40 A 192.0.2.40",
            "macro TXT \"v=spf1 exists:%{l}.%{o}.users.example.test -all\"",
            "alice.macro.example.test.users A 127.0.0.2",
            "bad TXT \"v=spf1 ip4:300.1.1.1 -all\"",
            "two TXT \"v=spf1 -all\"",
            "two TXT \"v=spf1 +all\"",
            "nospf TXT \"hello world\"",
            "six TXT \"v=spf1 ip6:2001:db8::/32 -all\"",
            "split TXT \"v=spf1 ip4:192.0.2.77\" \" -all\"",
            "exp TXT \"v=spf1 -all exp=why.example.test\"",
            "why TXT \"%{i} may not send for %{d}\"",
            "m6 TXT \"v=spf1 exists:%{ir}.%{v}.six.example.test -all\"",
            "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.six A 127.0.0.2",
            "mh TXT \"v=spf1 exists:%{h}.helos.example.test exists:%{l2r+}.%{d2}.plus.example.test -all\"",
            "good.example.test.helos A 127.0.0.2",
            "b.a.example.test.plus A 127.0.0.2",
            "_dmarc TXT \"v=DMARC1; p=reject; sp=quarantine\"",
            "ed._domainkey TXT " + KnotServer.txt(DkimKeys.txtRecord(ED.getPublic())),
            "rsa._domainkey TXT " + KnotServer.txt(DkimKeys.txtRecord(RSA.getPublic())),
            "");

    @BeforeAll
    static void start() throws Exception {
        KnotServer.assumeInstalled();
        Map<String, String> zones = new LinkedHashMap<>();
        zones.put("example.test", EXAMPLE_ZONE);
        zones.put("2.0.192.in-addr.arpa", "40 PTR host40.example.test.\n41 PTR host41.example.test.\n");
        zones.put("broken.test", null);
        knot = KnotServer.start(dir, zones);
        executor = Executors.newFixedThreadPool(2);
        dns = new DnsjavaResolver(new DnsjavaResolver.Config(knot.address(), Duration.ofSeconds(2), 1), executor);
    }

    @AfterAll
    static void stop() {
        if (knot != null) {
            knot.close();
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Test
    void resolverDistinguishesAnswersNxdomainNoDataRefusedAndServfail() {
        assertThat(dns.a("mail.example.test").join().records()).containsExactly(
                (java.net.Inet4Address) InetAddressLiteral.parse("192.0.2.20"));
        assertThat(dns.aaaa("MAIL.example.test.").join().records()).hasSize(1);
        assertThat(dns.mx("example.test").join().records())
                .containsExactlyInAnyOrder(new MxHost(10, "mx1.example.test"), new MxHost(20, "mx2.example.test"));
        assertThat(dns.ptr(InetAddressLiteral.parse("192.0.2.40")).join().records()).containsExactly("host40.example.test");
        assertThat(dns.txt("split.example.test").join().records()).containsExactly("v=spf1 ip4:192.0.2.77 -all");
        assertThat(dns.a("nothing.example.test").join()).isInstanceOf(DnsResult.NxDomain.class);
        assertThat(dns.a("nospf.example.test").join()).isInstanceOf(DnsResult.NoData.class);
        assertThat(dns.a("outside.invalid").join()).isEqualTo(new DnsResult.TempFail<>(DnsResult.Cause.REFUSED, "REFUSED"));
        assertThat(dns.a("x.broken.test").join()).isInstanceOf(DnsResult.TempFail.class)
                .extracting(r -> ((DnsResult.TempFail<?>) r).cause()).isEqualTo(DnsResult.Cause.SERVFAIL);
    }

    @Test
    void longRsaKeyRecordArrivesWhole() {
        assertThat(dns.txt("rsa._domainkey.example.test").join().records())
                .containsExactly(DkimKeys.txtRecord(RSA.getPublic()));
    }

    @Test
    void silentServerTimesOut() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            DnsjavaResolver r = new DnsjavaResolver(new DnsjavaResolver.Config(
                    (InetSocketAddress) silent.getLocalSocketAddress(), Duration.ofMillis(300), 2), executor);
            DnsResult<String> res = r.txt("example.test").join();
            assertThat(res).isInstanceOf(DnsResult.TempFail.class);
            assertThat(((DnsResult.TempFail<String>) res).cause()).isEqualTo(DnsResult.Cause.TIMEOUT);
        }
    }

    record Case(String ip, String sender, String helo) { }

    static final List<Case> SPF_CASES = List.of(
            new Case("192.0.2.10", "alice@example.test", "mail.example.test"),
            new Case("192.0.2.20", "alice@example.test", "mail.example.test"),
            new Case("2001:db8::20", "alice@example.test", "mail.example.test"),
            new Case("192.0.2.30", "alice@example.test", "mail.example.test"),
            new Case("2001:db8::30", "alice@example.test", "mail.example.test"),
            new Case("198.51.100.7", "alice@example.test", "mail.example.test"),
            new Case("203.0.113.5", "alice@example.test", "mail.example.test"),
            new Case("203.0.113.6", "alice@example.test", "mail.example.test"),
            new Case("192.0.2.99", "alice@example.test", "mail.example.test"),
            new Case("203.0.113.99", "bob@redirect.example.test", "x.example.test"),
            new Case("192.0.2.10", "bob@redirect.example.test", "x.example.test"),
            new Case("192.0.2.1", "bob@redirect.example.test", "x.example.test"),
            new Case("192.0.2.1", "a@soft.example.test", "x.example.test"),
            new Case("192.0.2.1", "a@neutral.example.test", "x.example.test"),
            new Case("192.0.2.1", "a@loop.example.test", "x.example.test"),
            new Case("192.0.2.1", "a@void.example.test", "x.example.test"),
            new Case("192.0.2.40", "a@ptr.example.test", "x.example.test"),
            new Case("192.0.2.41", "a@ptr.example.test", "x.example.test"),
            new Case("192.0.2.1", "alice@macro.example.test", "x.example.test"),
            new Case("192.0.2.1", "bob@macro.example.test", "x.example.test"),
            new Case("192.0.2.1", "a@bad.example.test", "x.example.test"),
            new Case("192.0.2.1", "a@two.example.test", "x.example.test"),
            new Case("192.0.2.1", "a@nospf.example.test", "x.example.test"),
            new Case("192.0.2.1", "a@nothing.example.test", "x.example.test"),
            new Case("2001:db8:ffff::1", "a@six.example.test", "x.example.test"),
            new Case("192.0.2.1", "a@six.example.test", "x.example.test"),
            new Case("192.0.2.77", "a@split.example.test", "x.example.test"),
            new Case("192.0.2.1", "a@exp.example.test", "x.example.test"),
            new Case("192.0.2.20", "<>", "mail.example.test"),
            new Case("192.0.2.21", "<>", "mail.example.test"),
            new Case("192.0.2.1", "a@x.broken.test", "x.example.test"),
            new Case("2001:db8::1", "a@m6.example.test", "x.example.test"),
            new Case("2001:db8::2", "a@m6.example.test", "x.example.test"),
            new Case("192.0.2.1", "a@mh.example.test", "good.example.test"),
            new Case("192.0.2.1", "a+b@mh.example.test", "bad.example.test"),
            new Case("192.0.2.1", "c@mh.example.test", "bad.example.test"));

    @Test
    void spfResultsEqualPyspfForTheSameInputs() throws Exception {
        Python.assumeModules("python3-spf python3-dnspython", "spf", "dns.resolver");
        Path script = Python.script(Files.createTempDirectory(dir, "py"), "pyspf_tool.py");
        Path cases = dir.resolve("spf-cases.txt");
        StringBuilder sb = new StringBuilder();
        for (Case c : SPF_CASES) {
            sb.append(c.ip()).append(' ').append(c.sender()).append(' ').append(c.helo()).append('\n');
        }
        Files.writeString(cases, sb.toString());
        List<String> theirs = List.of(Python.run(List.of(script.toString(), String.valueOf(knot.port()), cases.toString()),
                dir).requireSuccess().stdout().strip().split("\n"));

        SpfChecker spf = new SpfChecker(dns, "mx.receiver.test");
        List<String> ours = new ArrayList<>();
        for (Case c : SPF_CASES) {
            ours.add(spf.checkMailFrom(InetAddressLiteral.parse(c.ip()), c.sender(), c.helo()).join().result().keyword());
        }
        for (int i = 0; i < SPF_CASES.size(); i++) {
            assertThat(ours.get(i)).as("%s", SPF_CASES.get(i)).isEqualTo(theirs.get(i));
        }
        // Macro cases resolve to the names published for them (not both sides failing alike).
        assertThat(ours.subList(SPF_CASES.size() - 5, SPF_CASES.size()))
                .containsExactly("pass", "fail", "pass", "pass", "fail");
        // Every result class appears, so agreement is not trivial.
        assertThat(ours).contains("pass", "fail", "softfail", "neutral", "none", "permerror", "temperror");
    }

    @Test
    void spfExplanationComesFromDns() {
        SpfVerdict v = new SpfChecker(dns, "mx.receiver.test")
                .checkMailFrom(InetAddressLiteral.parse("192.0.2.1"), "a@exp.example.test", "h.example.test").join();
        assertThat(v.result()).isEqualTo(SpfResult.FAIL);
        assertThat(v.explanation()).contains("192.0.2.1 may not send for exp.example.test");
    }

    @Test
    void signedMessagePassesDkimSpfAndDmarcOverRealDns() throws Exception {
        String message = "From: Alice <alice@example.test>\r\nTo: bob@example.org\r\nSubject: real dns\r\n"
                + "Date: Tue, 14 Nov 2023 22:13:20 +0000\r\nMessage-ID: <2@example.test>\r\n\r\nHello.\r\n";
        String sigs = new DkimSigner(List.of(new DkimSigningKey("example.test", "ed", ED.getPrivate()),
                new DkimSigningKey("example.test", "rsa", RSA.getPrivate())), Clock.systemUTC())
                .sign(message.getBytes(StandardCharsets.ISO_8859_1));
        byte[] signed = (sigs + message).getBytes(StandardCharsets.ISO_8859_1);
        List<DkimResult> dkim = new DkimVerifier(dns, executor, Clock.systemUTC(), DkimVerifier.Limits.defaults())
                .verify(signed).join();
        assertThat(dkim).extracting(DkimResult::status).containsExactly(DkimStatus.PASS, DkimStatus.PASS);

        SpfVerdict spf = new SpfChecker(dns, "mx.receiver.test")
                .checkMailFrom(InetAddressLiteral.parse("192.0.2.99"), "alice@example.test", "h.example.test").join();
        assertThat(spf.result()).isEqualTo(SpfResult.FAIL);
        DmarcVerdict dmarc = new DmarcEvaluator(dns).evaluate("example.test", spf, dkim).join();
        assertThat(dmarc.result()).isEqualTo(DmarcResult.PASS);
        assertThat(dmarc.dkimAligned()).isTrue();

        String ar = new AuthResultsBuilder("mx.receiver.test").spfMailFrom(spf, "alice@example.test").dkim(dkim)
                .dmarc(dmarc).build();
        assertThat(ar).contains("spf=fail smtp.mailfrom=alice@example.test", "dkim=pass header.d=example.test header.s=ed",
                "dmarc=pass header.from=example.test");
    }

    @Test
    void unauthenticatedSubdomainMailGetsOrganizationalSubdomainPolicy() {
        SpfVerdict spf = new SpfChecker(dns, "mx.receiver.test")
                .checkMailFrom(InetAddressLiteral.parse("192.0.2.99"), "x@news.example.test", "h.example.test").join();
        DmarcVerdict v = new DmarcEvaluator(dns).evaluate("news.example.test", spf, List.of()).join();
        assertThat(v.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(v.recordDomain()).isEqualTo("example.test");
        assertThat(v.apply()).isEqualTo(DmarcPolicy.QUARANTINE);
    }
}
