package org.hearthmail.mailstore.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import org.hearthmail.dkim.DkimResult;
import org.hearthmail.dkim.DkimStatus;
import org.hearthmail.dkim.DkimVerifier;
import org.hearthmail.dns.FakeResolver;
import org.hearthmail.mailstore.dkim.DkimKeyStore;
import org.hearthmail.mailstore.dkim.DkimSelector;
import org.hearthmail.proxy.CidrSet;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.client.AuthMechanism;
import org.hearthmail.smtp.client.MessageBody;
import org.hearthmail.smtp.client.SmtpClient;
import org.hearthmail.smtp.client.SmtpReplyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submission on loopback with a real store and a real (fake) relay, driven by our SMTP client. */
class SubmissionServerTest {

    @TempDir
    Path dir;
    private FakeRelay relay;
    private SubmissionFixture f;

    private void start() throws Exception {
        relay = new FakeRelay();
        f = new SubmissionFixture(dir, relay, relay.fingerprint(), CidrSet.empty());
    }

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    static String message(String from, String to, String extraHeaders) {
        return "From: Alice <" + from + ">\r\nTo: <" + to + ">\r\nSubject: Hello\r\n" + extraHeaders
                + "\r\nHi there.\r\n.leading dot line\r\n";
    }

    private static Reply send(SmtpClient c, String mailFrom, String rcpt, String content) throws Exception {
        Reply m = SmtpClient.await(c.mail(mailFrom, List.of()));
        if (!m.isPositive()) {
            return m;
        }
        Reply r = SmtpClient.await(c.rcpt(rcpt, List.of()));
        if (!r.isPositive()) {
            SmtpClient.await(c.rset());
            return r;
        }
        return SmtpClient.await(c.data(MessageBody.of(content.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void authIsNotOfferedBeforeTlsAndIsRefusedWith538() throws Exception {
        start();
        try (SmtpClient c = f.connect()) {
            assertThat(c.capabilities().orElseThrow().authMechanisms()).isEmpty();
            assertThat(c.capabilities().orElseThrow().startTls()).isTrue();
            Throwable t = catchThrowable(() -> SmtpClient.await(c.auth(AuthMechanism.PLAIN, "alice@example.test",
                    SubmissionFixture.ALICE_PASSWORD)));
            assertThat(t).isInstanceOf(SmtpReplyException.class);
            assertThat(((SmtpReplyException) t).reply().code()).isEqualTo(538);
        }
    }

    @Test
    void mailBeforeTlsIs530AndMailBeforeAuthIs530() throws Exception {
        start();
        try (SmtpClient c = f.connect()) {
            Reply r = SmtpClient.await(c.mail("alice@example.test", List.of()));
            assertThat(r.code()).isEqualTo(530);
            assertThat(r.text()).contains("STARTTLS");
            SmtpClient.await(c.startTls(org.hearthmail.smtp.client.TlsPolicy.opportunistic()));
            assertThat(c.capabilities().orElseThrow().authMechanisms()).contains("PLAIN", "LOGIN");
            Reply r2 = SmtpClient.await(c.mail("alice@example.test", List.of()));
            assertThat(r2.code()).isEqualTo(530);
            assertThat(r2.status().toString()).isEqualTo("5.7.0");
        }
    }

    @Test
    void wrongPasswordIs535AndAppearsInTheSharedThrottle() throws Exception {
        start();
        Throwable t = catchThrowable(() -> f.login("alice@example.test", "wrong-password-x"));
        assertThat(((SmtpReplyException) t).reply().code()).isEqualTo(535);
        // The throttle counted the failure for the real client address (loopback here).
        for (int i = 0; i < 30; i++) {
            f.throttle.recordFailure("someone", java.net.InetAddress.getLoopbackAddress());
        }
        assertThat(f.throttle.isBanned(java.net.InetAddress.getLoopbackAddress())).isTrue();
        Throwable banned = catchThrowable(() -> SmtpClient.await(SmtpClient.connect("127.0.0.1", f.startTls.getPort(),
                java.time.Duration.ofSeconds(5))));
        assertThat(banned).isInstanceOf(SmtpReplyException.class);
        assertThat(((SmtpReplyException) banned).reply().code()).isEqualTo(421);
    }

    @Test
    void forgedMailFromIsRefusedWith550_5_7_1NamingTheAddress() throws Exception {
        start();
        try (SmtpClient c = f.alice()) {
            Reply r = SmtpClient.await(c.mail("bob@example.test", List.of()));
            assertThat(r.code()).isEqualTo(550);
            assertThat(r.status().toString()).isEqualTo("5.7.1");
            assertThat(r.text()).contains("<bob@example.test>");
            Reply foreign = SmtpClient.await(c.mail("ceo@bank.example", List.of()));
            assertThat(foreign.text()).contains("<ceo@bank.example>");
        }
    }

    @Test
    void forgedFromHeaderIsRefusedWith550_5_7_1NamingTheAddress() throws Exception {
        start();
        try (SmtpClient c = f.alice()) {
            Reply r = send(c, "alice@example.test", "bob@example.test",
                    message("bob@example.test", "bob@example.test", ""));
            assertThat(r.code()).isEqualTo(550);
            assertThat(r.status().toString()).isEqualTo("5.7.1");
            assertThat(r.text()).contains("<bob@example.test>").contains("From:");
        }
        assertThat(f.inbox(f.bob)).isEmpty();
    }

    @Test
    void forgedSenderHeaderIsRefusedToo() throws Exception {
        start();
        try (SmtpClient c = f.alice()) {
            Reply r = send(c, "alice@example.test", "bob@example.test",
                    message("alice@example.test", "bob@example.test", "Sender: bob@example.test\r\n"));
            assertThat(r.code()).isEqualTo(550);
            assertThat(r.text()).contains("<bob@example.test>").contains("Sender:");
        }
    }

    @Test
    void aliasSubaddressAndCatchAllOfTheUserAreAllowed() throws Exception {
        start();
        try (SmtpClient c = f.alice()) {
            assertThat(send(c, "sales@example.test", "bob@example.test",
                    message("sales@example.test", "bob@example.test", "")).code()).isEqualTo(250);
            assertThat(send(c, "alice+lists@example.test", "bob@example.test",
                    message("alice+lists@example.test", "bob@example.test", "")).code()).isEqualTo(250);
            assertThat(send(c, "anything@other.test", "bob@example.test",
                    message("anything@other.test", "bob@example.test", "")).code()).isEqualTo(250);
        }
        assertThat(f.inbox(f.bob)).hasSize(3);
    }

    @Test
    void nullSenderIsRefused() throws Exception {
        start();
        try (SmtpClient c = f.alice()) {
            Reply r = SmtpClient.await(c.mail("", List.of()));
            assertThat(r.code()).isEqualTo(550);
            assertThat(r.status().toString()).isEqualTo("5.7.1");
        }
    }

    @Test
    void localRecipientIsStoredDirectlyStrippedStampedAndSigned() throws Exception {
        start();
        String content = "Received: from [192.168.1.20] by laptop\r\n"
                + "X-Originating-IP: [192.168.1.20]\r\n"
                + message("alice@example.test", "bob@example.test",
                "X-Mailer: LeakyMail 1.0\r\nUser-Agent: Thunderbird/128\r\n");
        try (SmtpClient c = f.alice()) {
            assertThat(send(c, "alice@example.test", "bob@example.test", content).code()).isEqualTo(250);
        }
        assertThat(relay.accepted).as("local mail never goes to the relay").isEmpty();
        List<String> inbox = f.inbox(f.bob);
        assertThat(inbox).hasSize(1);
        String stored = inbox.get(0);
        assertThat(stored).doesNotContain("192.168.1.20", "Received:", "X-Originating-IP", "X-Mailer", "User-Agent",
                "LeakyMail", "Thunderbird");
        assertThat(stored).containsPattern("(?m)^Date: \\w{3}, \\d{1,2} \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000$");
        assertThat(stored).containsPattern("(?m)^Message-ID: <[0-9a-f]{32}@example\\.test>$");
        assertThat(stored).contains("Subject: Hello\r\n").contains("\r\n\r\nHi there.\r\n.leading dot line\r\n");
        assertThat(verify(stored)).extracting(DkimResult::status).containsExactly(DkimStatus.PASS, DkimStatus.PASS);
    }

    @Test
    void existingDateAndMessageIdAreKept() throws Exception {
        start();
        try (SmtpClient c = f.alice()) {
            assertThat(send(c, "alice@example.test", "bob@example.test", message("alice@example.test", "bob@example.test",
                    "Date: Mon, 3 Mar 2025 10:00:00 +0100\r\nMessage-ID: <mine@laptop.example>\r\n")).code()).isEqualTo(250);
        }
        String stored = f.inbox(f.bob).get(0);
        assertThat(stored).contains("Date: Mon, 3 Mar 2025 10:00:00 +0100\r\n").contains("Message-ID: <mine@laptop.example>\r\n");
        assertThat(stored.split("Message-ID:", -1)).hasSize(2);
    }

    @Test
    void unknownLocalRecipientIs550_5_1_1() throws Exception {
        start();
        try (SmtpClient c = f.alice()) {
            SmtpClient.await(c.mail("alice@example.test", List.of()));
            Reply r = SmtpClient.await(c.rcpt("nobody@example.test", List.of()));
            assertThat(r.code()).isEqualTo(550);
            assertThat(r.status().toString()).isEqualTo("5.1.1");
        }
    }

    @Test
    void remoteRecipientIsHandedToTheRelayOverPinnedTlsWithAuthAndSigned() throws Exception {
        start();
        try (SmtpClient c = f.alice()) {
            Reply r = send(c, "alice@example.test", "friend@elsewhere.example",
                    message("alice@example.test", "friend@elsewhere.example", "X-Mailer: x\r\n"));
            assertThat(r.code()).isEqualTo(250);
        }
        assertThat(relay.accepted).hasSize(1);
        FakeRelay.Accepted a = relay.accepted.get(0);
        assertThat(a.session().authIdentity()).isEqualTo(FakeRelay.NAME);
        assertThat(a.session().tls()).isNotNull();
        assertThat(a.envelope().mailFrom().sender().toString()).isEqualTo("alice@example.test");
        assertThat(a.envelope().recipients()).extracting(x -> x.recipient().toString()).containsExactly("friend@elsewhere.example");
        assertThat(a.content()).startsWith("DKIM-Signature: v=1; a=ed25519-sha256;").doesNotContain("X-Mailer");
        assertThat(a.content()).contains(".leading dot line\r\n");
        assertThat(verify(a.content())).extracting(DkimResult::status).containsExactly(DkimStatus.PASS, DkimStatus.PASS);
    }

    @Test
    void localAndRemoteRecipientsOfOneMessageEachGetItOnce() throws Exception {
        start();
        try (SmtpClient c = f.alice()) {
            SmtpClient.await(c.mail("alice@example.test", List.of()));
            assertThat(SmtpClient.await(c.rcpt("bob@example.test", List.of())).code()).isEqualTo(250);
            assertThat(SmtpClient.await(c.rcpt("a@elsewhere.example", List.of())).code()).isEqualTo(250);
            assertThat(SmtpClient.await(c.rcpt("b@elsewhere.example", List.of())).code()).isEqualTo(250);
            Reply r = SmtpClient.await(c.data(MessageBody.of(message("alice@example.test", "bob@example.test", "")
                    .getBytes(StandardCharsets.UTF_8))));
            assertThat(r.code()).isEqualTo(250);
        }
        assertThat(f.inbox(f.bob)).hasSize(1);
        assertThat(relay.accepted).hasSize(1);
        assertThat(relay.accepted.get(0).envelope().recipients()).hasSize(2);
    }

    @Test
    void relayRefusingARecipientRefusesTheWholeMessageAndQueuesNothing() throws Exception {
        start();
        try (SmtpClient c = f.alice()) {
            SmtpClient.await(c.mail("alice@example.test", List.of()));
            SmtpClient.await(c.rcpt("a@elsewhere.example", List.of()));
            SmtpClient.await(c.rcpt("refuse@elsewhere.example", List.of()));
            Reply r = SmtpClient.await(c.data(MessageBody.of(message("alice@example.test", "a@elsewhere.example", "")
                    .getBytes(StandardCharsets.UTF_8))));
            assertThat(r.code()).isEqualTo(550);
            assertThat(r.text()).startsWith("Relay:");
        }
        assertThat(relay.accepted).isEmpty();
    }

    @Test
    void relayDownIsAnswered451_4_4_1AndNothingIsStoredLocally() throws Exception {
        relay = new FakeRelay();
        String fp = relay.fingerprint();
        java.net.InetSocketAddress gone = relay.address;
        relay.close();
        relay = null;
        f = new SubmissionFixture(dir, gone, fp, CidrSet.empty());
        try (SmtpClient c = f.alice()) {
            SmtpClient.await(c.mail("alice@example.test", List.of()));
            SmtpClient.await(c.rcpt("bob@example.test", List.of()));
            SmtpClient.await(c.rcpt("friend@elsewhere.example", List.of()));
            Reply r = SmtpClient.await(c.data(MessageBody.of(message("alice@example.test", "friend@elsewhere.example", "")
                    .getBytes(StandardCharsets.UTF_8))));
            assertThat(r.code()).isEqualTo(451);
            assertThat(r.status().toString()).isEqualTo("4.4.1");
        }
        assertThat(f.inbox(f.bob)).as("a retry must not duplicate the local copy").isEmpty();
        try (var files = Files.list(dir.resolve("tmp"))) {
            assertThat(files).as("spool files are removed").isEmpty();
        }
    }

    @Test
    void relayWithAnotherCertificateThanThePinnedOneIsNotUsed() throws Exception {
        relay = new FakeRelay();
        f = new SubmissionFixture(dir, relay, "00".repeat(32), CidrSet.empty());
        try (SmtpClient c = f.alice()) {
            Reply r = send(c, "alice@example.test", "friend@elsewhere.example",
                    message("alice@example.test", "friend@elsewhere.example", ""));
            assertThat(r.code()).isEqualTo(451);
            assertThat(r.status().toString()).isEqualTo("4.4.1");
        }
        assertThat(relay.accepted).isEmpty();
    }

    @Test
    void withoutAProvisionedRelayRemoteRecipientsGet451_4_3_5() throws Exception {
        f = new SubmissionFixture(dir, (FakeRelay) null, "", CidrSet.empty());
        try (SmtpClient c = f.alice()) {
            SmtpClient.await(c.mail("alice@example.test", List.of()));
            Reply r = SmtpClient.await(c.rcpt("friend@elsewhere.example", List.of()));
            assertThat(r.code()).isEqualTo(451);
            assertThat(r.status().toString()).isEqualTo("4.3.5");
        }
    }

    @Test
    void messageWithoutFromIsRefused() throws Exception {
        start();
        try (SmtpClient c = f.alice()) {
            Reply r = send(c, "alice@example.test", "bob@example.test", "Subject: no from\r\n\r\nbody\r\n");
            assertThat(r.code()).isEqualTo(550);
            assertThat(r.status().toString()).isEqualTo("5.6.0");
        }
    }

    @Test
    void appPasswordLogsIn() throws Exception {
        start();
        char[] secret = new org.hearthmail.mailstore.auth.AccountService(f.store,
                new org.hearthmail.mailstore.auth.PasswordHasher(new org.hearthmail.mailstore.auth.Argon2Params(64, 1, 1)),
                new org.hearthmail.mailstore.auth.AppPasswordSecrets(new java.security.SecureRandom()))
                .addAppPassword("alice@example.test", "phone").secret();
        try (SmtpClient c = f.login("alice@example.test", new String(secret))) {
            assertThat(send(c, "alice@example.test", "bob@example.test",
                    message("alice@example.test", "bob@example.test", "")).code()).isEqualTo(250);
        }
    }

    /** Our verifier, with the published TXT records served by a fake resolver. */
    private List<DkimResult> verify(String message) throws Exception {
        FakeResolver dns = new FakeResolver();
        DkimKeyStore keys = f.dkim;
        for (DkimSelector s : keys.published()) {
            for (DkimKeyStore.TxtRecord r : keys.txtRecords(s)) {
                dns.txt(r.name("example.test"), r.text());
            }
        }
        var pool = Executors.newSingleThreadExecutor();
        try {
            return new DkimVerifier(dns, pool, Clock.systemUTC(), DkimVerifier.Limits.defaults())
                    .verify(message.getBytes(StandardCharsets.ISO_8859_1)).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }
}
