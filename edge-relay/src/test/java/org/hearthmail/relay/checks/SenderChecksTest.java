package org.hearthmail.relay.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hearthmail.dkim.DkimKeys;
import org.hearthmail.dkim.DkimSigner;
import org.hearthmail.dkim.DkimSigningKey;
import org.hearthmail.dns.FakeResolver;
import org.hearthmail.dns.InetAddressLiteral;
import org.hearthmail.smtp.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Each policy path with a resolver that is just data: SPF at MAIL, DKIM and DMARC at the end of the content. */
class SenderChecksTest {

    static final KeyPair KEY = DkimKeys.generateEd25519();
    static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(2);
    static final InetAddress GOOD_IP = InetAddressLiteral.parse("192.0.2.10");
    static final InetAddress BAD_IP = InetAddressLiteral.parse("203.0.113.66");

    static final FakeResolver DNS = new FakeResolver()
            .txt("reject.test", "v=spf1 ip4:192.0.2.10 -all")
            .txt("_dmarc.reject.test", "v=DMARC1; p=reject")
            .txt("ed._domainkey.reject.test", DkimKeys.txtRecord(KEY.getPublic()))
            .txt("quarantine.test", "v=spf1 ip4:192.0.2.10 -all")
            .txt("_dmarc.quarantine.test", "v=DMARC1; p=quarantine")
            .txt("soft.test", "v=spf1 ~all")
            .txt("_dmarc.soft.test", "v=DMARC1; p=none")
            .exists("nodmarc.test");

    @AfterAll
    static void stop() {
        EXECUTOR.shutdownNow();
    }

    static SenderChecks checks(AuthPolicy policy) {
        return new SenderChecks(DNS, EXECUTOR, "mx.example.org", policy, "mx.example.org", Clock.systemUTC());
    }

    static String message(String from) {
        return (from == null ? "" : "From: " + from + "\r\n") + "To: alice@example.org\r\nSubject: test\r\n"
                + "Date: Tue, 14 Nov 2023 22:13:20 +0000\r\nMessage-ID: <1@x.test>\r\n\r\nHello.\r\n";
    }

    static String signed(String domain, String message) throws Exception {
        return new DkimSigner(List.of(new DkimSigningKey(domain, "ed", KEY.getPrivate())), Clock.systemUTC())
                .sign(message.getBytes(StandardCharsets.ISO_8859_1)) + message;
    }

    /** Feeds the content split at awkward places, as the network would. */
    static Conclusion run(AuthPolicy policy, InetAddress ip, String mailFrom, String content) {
        SenderChecks c = checks(policy);
        SpfOutcome spf = c.atMail(ip, mailFrom, "sender.example").join();
        ContentCheck check = c.begin();
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i += 7) {
            check.update(b, i, Math.min(7, b.length - i));
        }
        return c.conclude("test", spf, check).join();
    }

    @Test
    void spfPassIsRecordedAndNotRefused() {
        SpfOutcome spf = checks(AuthPolicy.REJECT).atMail(GOOD_IP, "bob@reject.test", "sender.example").join();
        assertThat(spf.refusal(AuthPolicy.REJECT)).isEmpty();
        Conclusion c = run(AuthPolicy.REJECT, GOOD_IP, "bob@reject.test", message("bob@reject.test"));
        assertThat(c).isInstanceOf(Conclusion.Forward.class);
        assertThat(c.authResults()).contains("spf=pass smtp.mailfrom=bob@reject.test", "dmarc=pass header.from=reject.test");
    }

    @Test
    void spfFailWithPolicyRejectIsRefusedAtMailWith550_5_7_23() {
        SpfOutcome spf = checks(AuthPolicy.REJECT).atMail(BAD_IP, "bob@reject.test", "sender.example").join();
        Optional<Reply> refusal = spf.refusal(AuthPolicy.REJECT);
        assertThat(refusal).isPresent();
        assertThat(refusal.get().code()).isEqualTo(550);
        assertThat(refusal.get().toString()).contains("5.7.23").contains("SPF");
    }

    @Test
    void spfFailWithPolicyQuarantineOrTagIsOnlyRecorded() {
        SpfOutcome spf = checks(AuthPolicy.TAG).atMail(BAD_IP, "bob@reject.test", "sender.example").join();
        assertThat(spf.refusal(AuthPolicy.TAG)).isEmpty();
        assertThat(spf.refusal(AuthPolicy.QUARANTINE)).isEmpty();
    }

    @Test
    void softfailIsNeverRefusedAtMail() {
        SpfOutcome spf = checks(AuthPolicy.REJECT).atMail(BAD_IP, "bob@soft.test", "sender.example").join();
        assertThat(spf.verdict().result().keyword()).isEqualTo("softfail");
        assertThat(spf.refusal(AuthPolicy.REJECT)).isEmpty();
    }

    @Test
    void alignedDkimPassGivesDmarcPassEvenWhenSpfFails() throws Exception {
        Conclusion c = run(AuthPolicy.REJECT, BAD_IP, "bob@reject.test", signed("reject.test", message("Bob <bob@reject.test>")));
        assertThat(c).isEqualTo(new Conclusion.Forward(c.authResults(), false));
        assertThat(c.authResults()).startsWith("Authentication-Results: mx.example.org;\r\n")
                .contains("spf=fail smtp.mailfrom=bob@reject.test", "dkim=pass header.d=reject.test header.s=ed",
                        "dmarc=pass header.from=reject.test")
                .endsWith("\r\n");
    }

    @Test
    void dkimFailAndNoSpfPassUnderDmarcRejectIsRefusedWith550_5_7_1() throws Exception {
        String tampered = signed("reject.test", message("bob@reject.test")).replace("Hello.", "Hellp.");
        Conclusion c = run(AuthPolicy.REJECT, BAD_IP, "bob@reject.test", tampered);
        assertThat(c).isInstanceOf(Conclusion.Refuse.class);
        Reply r = ((Conclusion.Refuse) c).reply();
        assertThat(r.code()).isEqualTo(550);
        assertThat(r.toString()).contains("5.7.1").contains("DMARC").contains("reject.test");
        assertThat(c.authResults()).contains("dkim=fail", "dmarc=fail header.from=reject.test");
    }

    @Test
    void forgedFromOfARejectDomainIsRefusedEvenWithAPassingEnvelope() {
        // SPF passes for the envelope's own domain, which is not aligned with From.
        Conclusion c = run(AuthPolicy.REJECT, GOOD_IP, "bob@quarantine.test", message("ceo@reject.test"));
        assertThat(c).isInstanceOf(Conclusion.Refuse.class);
    }

    @Test
    void dmarcRejectUnderPolicyQuarantineGoesToJunk() {
        Conclusion c = run(AuthPolicy.QUARANTINE, BAD_IP, "bob@reject.test", message("bob@reject.test"));
        assertThat(c).isInstanceOf(Conclusion.Forward.class);
        assertThat(((Conclusion.Forward) c).junk()).isTrue();
        assertThat(((Conclusion.Forward) c).header()).endsWith("dmarc=fail header.from=reject.test\r\nHearthmail-Verdict: junk\r\n");
    }

    @Test
    void dmarcQuarantineFailureGoesToJunkUnderPolicyReject() {
        Conclusion c = run(AuthPolicy.REJECT, BAD_IP, "bob@quarantine.test", message("bob@quarantine.test"));
        assertThat(c).isEqualTo(new Conclusion.Forward(c.authResults(), true));
    }

    @Test
    void policyTagOnlyRecordsEvenARejectFailure() {
        Conclusion c = run(AuthPolicy.TAG, BAD_IP, "bob@reject.test", message("bob@reject.test"));
        assertThat(c).isEqualTo(new Conclusion.Forward(c.authResults(), false));
        assertThat(c.authResults()).contains("dmarc=fail");
    }

    @Test
    void dmarcFailWithPolicyNoneIsOnlyTagged() {
        Conclusion c = run(AuthPolicy.REJECT, BAD_IP, "bob@soft.test", message("bob@soft.test"));
        assertThat(c).isEqualTo(new Conclusion.Forward(c.authResults(), false));
        assertThat(c.authResults()).contains("spf=softfail", "dkim=none", "dmarc=fail header.from=soft.test");
    }

    @Test
    void domainWithoutDmarcRecordGetsDmarcNone() {
        Conclusion c = run(AuthPolicy.REJECT, BAD_IP, "bob@nodmarc.test", message("bob@nodmarc.test"));
        assertThat(c).isEqualTo(new Conclusion.Forward(c.authResults(), false));
        assertThat(c.authResults()).contains("dmarc=none header.from=nodmarc.test");
    }

    @Test
    void messageWithoutFromIsRefusedUnderRejectAndJunkedUnderQuarantine() {
        Conclusion refused = run(AuthPolicy.REJECT, GOOD_IP, "bob@reject.test", message(null));
        assertThat(refused).isInstanceOf(Conclusion.Refuse.class);
        assertThat(((Conclusion.Refuse) refused).reply().toString()).contains("550", "5.7.1", "exactly one From");
        assertThat(refused.authResults()).doesNotContain("dmarc=");
        assertThat(run(AuthPolicy.QUARANTINE, GOOD_IP, "bob@reject.test", message(null)))
                .isInstanceOf(Conclusion.Forward.class).extracting(f -> ((Conclusion.Forward) f).junk()).isEqualTo(true);
        assertThat(run(AuthPolicy.TAG, GOOD_IP, "bob@reject.test", message(null)))
                .extracting(f -> ((Conclusion.Forward) f).junk()).isEqualTo(false);
    }

    @Test
    void fromAddressesInSeveralDomainsAreRefusedAsDmarcPermerror() {
        Conclusion c = run(AuthPolicy.REJECT, GOOD_IP, "bob@reject.test", message("bob@reject.test, eve@quarantine.test"));
        assertThat(c).isInstanceOf(Conclusion.Refuse.class);
        assertThat(((Conclusion.Refuse) c).reply().toString()).contains("several domains");
        assertThat(c.authResults()).contains("dmarc=permerror header.from=\"reject.test,quarantine.test\"");
    }

    @Test
    void twoFromFieldsAreRefused() {
        String twice = "From: bob@reject.test\r\n" + message("bob@reject.test");
        assertThat(run(AuthPolicy.REJECT, GOOD_IP, "bob@reject.test", twice)).isInstanceOf(Conclusion.Refuse.class);
    }

    @Test
    void foldedFromWithDisplayNameAndSeveralAddressesOfOneDomainCounts() {
        Conclusion c = run(AuthPolicy.REJECT, GOOD_IP, "bob@reject.test",
                message("\"Bob, the builder\"\r\n\t<bob@Reject.Test>, alice@reject.test"));
        assertThat(c).isInstanceOf(Conclusion.Forward.class);
        assertThat(c.authResults()).contains("dmarc=pass header.from=reject.test");
    }

    @Test
    void nullReversePathIsCheckedAsTheHeloIdentity() {
        Conclusion c = run(AuthPolicy.REJECT, GOOD_IP, "", message("bob@reject.test"));
        assertThat(c.authResults()).contains("smtp.helo=sender.example").doesNotContain("smtp.mailfrom");
    }

    @Test
    void dnsFailureIsRecordedAsTemperrorAndNeverRefuses() {
        FakeResolver broken = new FakeResolver().servfail("broken.test").servfail("_dmarc.broken.test");
        SenderChecks c = new SenderChecks(broken, EXECUTOR, "mx.example.org", AuthPolicy.REJECT, "mx.example.org",
                Clock.systemUTC());
        SpfOutcome spf = c.atMail(GOOD_IP, "bob@broken.test", "sender.example").join();
        assertThat(spf.refusal(AuthPolicy.REJECT)).isEmpty();
        ContentCheck check = c.begin();
        byte[] b = message("bob@broken.test").getBytes(StandardCharsets.UTF_8);
        check.update(b, 0, b.length);
        Conclusion out = c.conclude("t", spf, check).join();
        assertThat(out).isEqualTo(new Conclusion.Forward(out.authResults(), false));
        assertThat(out.authResults()).contains("spf=temperror", "dmarc=temperror");
    }
}
