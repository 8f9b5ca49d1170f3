package org.hearthmail.mailstore.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.StoreEvent;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.hearthmail.proxy.CidrSet;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.client.MessageBody;
import org.hearthmail.smtp.client.SmtpClient;
import org.hearthmail.xclient.XClientAttributes;
import org.hearthmail.xclient.XClientCommands;
import org.hearthmail.xclient.XClientProto;
import org.hearthmail.xclient.XClientValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The intake listener on loopback with a real SQLite store, driven by our SMTP client. */
class IntakeServerTest {

    @TempDir
    Path dir;
    private SqliteMailStore store;
    private IntakeServer server;
    private InetSocketAddress address;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private User alice;

    private void start(String relayCidr, long quota) throws Exception {
        store = SqliteMailStore.open(new DataDirectory(dir).create(), StoreOptions.defaults());
        store.addDomain("example.test");
        alice = store.addUser("alice@example.test", null, quota);
        IntakeConfig config = new IntakeConfig("home.example.test", new InetSocketAddress("127.0.0.1", 0),
                CidrSet.of(relayCidr), 50L * 1024 * 1024, "mx.example.test", false);
        server = new IntakeServer(config, store, executor);
        address = server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
        executor.shutdownNow();
    }

    private SmtpClient connect() throws Exception {
        SmtpClient c = SmtpClient.await(SmtpClient.connect("127.0.0.1", address.getPort(), Duration.ofSeconds(5)));
        SmtpClient.await(c.ehlo("relay.example.test"));
        return c;
    }

    private Reply send(SmtpClient c, String rcpt, String message) throws Exception {
        assertThat(SmtpClient.await(c.mail("sender@sender.example", List.of())).code()).isEqualTo(250);
        Reply r = SmtpClient.await(c.rcpt(rcpt, List.of()));
        if (r.code() != 250) {
            SmtpClient.await(c.rset());
            return r;
        }
        return SmtpClient.await(c.data(MessageBody.of(message.getBytes(StandardCharsets.ISO_8859_1))));
    }

    private List<MessageMeta> messages(MailboxRole role) {
        return store.messages(store.mailbox(alice.id(), role).orElseThrow().id());
    }

    private String body(MessageMeta m) throws IOException {
        try (InputStream in = store.openBody(m)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String afterReceived(String stored) {
        assertThat(stored).startsWith("Received: from ");
        int end = stored.indexOf("\r\n", stored.indexOf(";\r\n\t") + 3);
        return stored.substring(end + 2);
    }

    @Test
    void storesTheMessageExactlyBehindOurReceivedLineAndAnswersOnlyAfterCommit() throws Exception {
        start("10.77.0.1/32", 0);
        String msg = "From: Sender <sender@sender.example>\r\nSubject: caf\u00e9 8-bit header\r\n\r\n"
                + ".leading dot\r\n" + "x".repeat(2000) + "\r\nnul\0byte\r\n";
        try (SmtpClient c = connect()) {
            assertThat(send(c, "alice@example.test", msg)).isEqualTo(Reply.of(250, "2.0.0", "Stored"));
        }
        List<MessageMeta> inbox = messages(MailboxRole.INBOX);
        assertThat(inbox).hasSize(1);
        String stored = body(inbox.get(0));
        assertThat(afterReceived(stored)).isEqualTo(msg);
        assertThat(stored).contains("by home.example.test (Hearthmail) with ESMTP\r\n\tid ").contains("for <alice@example.test>");
    }

    @Test
    void messageWithoutHeadersIsStoredAsIs() throws Exception {
        start("10.77.0.1/32", 0);
        try (SmtpClient c = connect()) {
            send(c, "alice@example.test", "just a line without any header\r\n");
        }
        assertThat(afterReceived(body(messages(MailboxRole.INBOX).get(0)))).isEqualTo("just a line without any header\r\n");
    }

    @Test
    void unknownUserIs550_5_1_1AndFullMailboxIs452_4_2_2AtRcptOrAtDelivery() throws Exception {
        start("10.77.0.1/32", 10);
        Reply full = Reply.of(452, "4.2.2", "Mailbox full, try again later");
        try (SmtpClient c = connect()) {
            assertThat(send(c, "nobody@example.test", "x\r\n")).isEqualTo(IntakeSession.USER_UNKNOWN);
            // Within the quota at RCPT time, but this message would exceed it: refused after DATA.
            assertThat(send(c, "alice@example.test", "Subject: too big for 10 octets\r\n\r\n0123456789\r\n")).isEqualTo(full);
            store.setQuotaLimit(alice.id(), 0);
            assertThat(send(c, "alice@example.test", "Subject: fits\r\n\r\nx\r\n").code()).isEqualTo(250);
            store.setQuotaLimit(alice.id(), 1);
            // Now the mailbox is full: refused at RCPT, so the relay can refuse live.
            assertThat(send(c, "alice@example.test", "x\r\n")).isEqualTo(full);
        }
        assertThat(messages(MailboxRole.INBOX)).hasSize(1);
    }

    @Test
    void xclientFromAnUntrustedAddressIsRefused() throws Exception {
        start("10.77.0.1/32", 0);
        try (SmtpClient c = connect()) {
            assertThat(SmtpClient.await(c.noop()).code()).isEqualTo(250);
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                    () -> SmtpClient.await(c.xclient(List.of("XCLIENT ADDR=192.0.2.55"))));
            assertThat(t).hasMessageContaining("550");
        }
    }

    private static List<String> xclient() throws Exception {
        return XClientCommands.encode(XClientAttributes.builder()
                .addr(new XClientValue.Known<>(java.net.InetAddress.getByName("192.0.2.55")))
                .port(new XClientValue.Known<>(40123))
                .name(new XClientValue.Known<>("mail.sender.example"))
                .helo(new XClientValue.Known<>("sender.example"))
                .proto(new XClientValue.Known<>(XClientProto.ESMTP))
                .build());
    }

    @Test
    void receivedLineNamesTheOriginalClientFromXclient() throws Exception {
        start("127.0.0.1/32", 0);
        try (SmtpClient c = connect()) {
            SmtpClient.await(c.xclient(xclient()));
            SmtpClient.await(c.ehlo("relay.example.test"));
            send(c, "alice@example.test", "Subject: hi\r\n\r\nbody\r\n");
        }
        String stored = body(messages(MailboxRole.INBOX).get(0));
        assertThat(stored).startsWith("Received: from sender.example (mail.sender.example [192.0.2.55])\r\n\tby home.example.test");
    }

    @Test
    void forgedAuthenticationResultsAreRemovedAndTheRelaysAreKept() throws Exception {
        start("127.0.0.1/32", 0);
        String relayHeaders = "Authentication-Results: mx.example.test; spf=pass smtp.mailfrom=sender.example\r\n"
                + "Received: from sender.example by mx.example.test; Mon, 23 Nov 2026 10:00:00 +0000\r\n";
        String senderHeaders = "Authentication-Results: MX.example.test (forged); dkim=pass header.d=bank.example\r\n"
                + "Authentication-Results: other.example; spf=fail\r\n"
                + "Subject: hi\r\n\r\n"
                + "Authentication-Results: mx.example.test; this is body text and stays\r\n";
        try (SmtpClient c = connect()) {
            SmtpClient.await(c.xclient(xclient()));
            SmtpClient.await(c.ehlo("relay.example.test"));
            send(c, "alice@example.test", relayHeaders + senderHeaders);
        }
        String rest = afterReceived(body(messages(MailboxRole.INBOX).get(0)));
        assertThat(rest).isEqualTo(relayHeaders
                + "Authentication-Results: other.example; spf=fail\r\n"
                + "Subject: hi\r\n\r\n"
                + "Authentication-Results: mx.example.test; this is body text and stays\r\n");
    }

    @Test
    void aRelayCopyWithACommittedTransactionIdIsAnswered250AndNotStoredAgain() throws Exception {
        start("127.0.0.1/32", 0);
        String relayHeaders = "Hearthmail-Transaction: 6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6\r\n"
                + "Received: from sender.example by mx.example.test; Mon, 23 Nov 2026 10:00:00 +0000\r\n";
        try (SmtpClient c = connect()) {
            SmtpClient.await(c.xclient(xclient()));
            SmtpClient.await(c.ehlo("relay.example.test"));
            assertThat(send(c, "alice@example.test", relayHeaders + "Subject: live\r\n\r\nb\r\n").toString())
                    .startsWith("250 2.0.0 Stored");
            // The relay's spooled copy of the same transaction, after our 250 did not reach it.
            assertThat(send(c, "alice@example.test", relayHeaders + "Subject: spooled\r\n\r\nb\r\n").toString())
                    .startsWith("250 2.0.0 Already stored");
        }
        List<MessageMeta> stored = messages(MailboxRole.INBOX);
        assertThat(stored).hasSize(1);
        assertThat(afterReceived(body(stored.get(0)))).as("the id field is never stored")
                .isEqualTo("Received: from sender.example by mx.example.test; Mon, 23 Nov 2026 10:00:00 +0000\r\n"
                        + "Subject: live\r\n\r\nb\r\n");
    }

    @Test
    void aTransactionIdFromAnythingButTheRelayIsDroppedAndIgnored() throws Exception {
        start("10.77.0.1/32", 0);
        String msg = "Hearthmail-Transaction: 6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6\r\nSubject: s\r\n\r\nb\r\n";
        try (SmtpClient c = connect()) {
            assertThat(send(c, "alice@example.test", msg).toString()).startsWith("250 2.0.0 Stored");
            // A sender cannot suppress someone else's mail by guessing or replaying an id.
            assertThat(send(c, "alice@example.test", msg).toString()).startsWith("250 2.0.0 Stored");
        }
        assertThat(messages(MailboxRole.INBOX)).hasSize(2)
                .allSatisfy(m -> assertThat(afterReceived(body(m))).isEqualTo("Subject: s\r\n\r\nb\r\n"));
    }

    @Test
    void withoutTheRelayEveryHeaderClaimingOurAuthservIdIsRemoved() throws Exception {
        start("10.77.0.1/32", 0);
        String msg = "Authentication-Results: mx.example.test;\r\n\tdmarc=pass header.from=bank.example\r\nSubject: s\r\n\r\nb\r\n";
        try (SmtpClient c = connect()) {
            send(c, "alice@example.test", msg);
        }
        assertThat(afterReceived(body(messages(MailboxRole.INBOX).get(0)))).isEqualTo("Subject: s\r\n\r\nb\r\n");
    }

    @Test
    void relayJunkVerdictDeliversToJunkAndTheVerdictIsNotStored() throws Exception {
        start("127.0.0.1/32", 0);
        try (SmtpClient c = connect()) {
            SmtpClient.await(c.xclient(xclient()));
            SmtpClient.await(c.ehlo("relay.example.test"));
            send(c, "alice@example.test", "Hearthmail-Verdict: junk (dmarc=quarantine)\r\nReceived: from x by mx.example.test; Mon, 23 Nov 2026 10:00:00 +0000\r\nSubject: spam\r\n\r\nbuy\r\n");
        }
        assertThat(messages(MailboxRole.INBOX)).isEmpty();
        List<MessageMeta> junk = messages(MailboxRole.JUNK);
        assertThat(junk).hasSize(1);
        assertThat(body(junk.get(0))).doesNotContain("Hearthmail-Verdict").contains("Subject: spam");
    }

    @Test
    void theRelaysDmarcFailGoesToJunkByTheJunkOnRule() throws Exception {
        start("127.0.0.1/32", 0);
        try (SmtpClient c = connect()) {
            SmtpClient.await(c.xclient(xclient()));
            SmtpClient.await(c.ehlo("relay.example.test"));
            send(c, "alice@example.test", "Authentication-Results: mx.example.test;\r\n\tspf=pass smtp.mailfrom=x.example;\r\n"
                    + "\tdmarc=fail (p=none) header.from=bank.example\r\nSubject: phish\r\n\r\nx\r\n");
            send(c, "alice@example.test", "Authentication-Results: mx.example.test; dmarc=pass header.from=ok.example\r\n"
                    + "Subject: fine\r\n\r\nx\r\n");
        }
        assertThat(messages(MailboxRole.JUNK)).hasSize(1);
        assertThat(body(messages(MailboxRole.JUNK).get(0))).contains("Subject: phish");
        assertThat(body(messages(MailboxRole.INBOX).get(0))).contains("Subject: fine");
    }

    @Test
    void aVerdictFromAnyoneButTheRelayIsIgnoredAndRemoved() throws Exception {
        start("10.77.0.1/32", 0);
        try (SmtpClient c = connect()) {
            send(c, "alice@example.test", "Hearthmail-Verdict: junk\r\nSubject: ham\r\n\r\nhello\r\n");
        }
        assertThat(messages(MailboxRole.JUNK)).isEmpty();
        assertThat(afterReceived(body(messages(MailboxRole.INBOX).get(0)))).isEqualTo("Subject: ham\r\n\r\nhello\r\n");
    }

    @Test
    void aLargeMessageStreamsThroughIntact() throws Exception {
        start("10.77.0.1/32", 0);
        StringBuilder sb = new StringBuilder("Subject: big\r\n\r\n");
        for (int i = 0; sb.length() < 20 * 1024 * 1024; i++) {
            sb.append("line ").append(i).append(' ').append("y".repeat(70)).append("\r\n");
        }
        String msg = sb.toString();
        try (SmtpClient c = connect()) {
            assertThat(send(c, "alice@example.test", msg).code()).isEqualTo(250);
        }
        assertThat(afterReceived(body(messages(MailboxRole.INBOX).get(0)))).isEqualTo(msg);
    }

    @Test
    void severalRecipientsGetOneCopyEachAndNoForClause() throws Exception {
        start("10.77.0.1/32", 0);
        User bob = store.addUser("bob@example.test", null, 0);
        try (SmtpClient c = connect()) {
            SmtpClient.await(c.mail("s@sender.example", List.of()));
            SmtpClient.await(c.rcpt("alice@example.test", List.of()));
            SmtpClient.await(c.rcpt("bob+tag@example.test", List.of()));
            assertThat(SmtpClient.await(c.data(MessageBody.of("Subject: two\r\n\r\nx\r\n".getBytes()))).code()).isEqualTo(250);
        }
        String a = body(messages(MailboxRole.INBOX).get(0));
        assertThat(a).doesNotContain("for <");
        assertThat(store.messages(store.mailbox(bob.id(), MailboxRole.INBOX).orElseThrow().id())).hasSize(1);
    }

    @Test
    void aMessageWithinTheParseLimitCarriesItsEnvelopeAndStructureFromItsOwnCommit() throws Exception {
        start("10.77.0.1/32", 0);
        User bob = store.addUser("bob@example.test", null, 0);
        List<StoreEvent.MessageAdded> added = new java.util.concurrent.CopyOnWriteArrayList<>();
        store.subscribe(e -> {
            if (e instanceof StoreEvent.MessageAdded a) {
                added.add(a);
            }
        });
        String small = "From: Carol <carol@sender.example>\r\nSubject: parsed with its commit\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b--\r\n";
        StringBuilder big = new StringBuilder("Subject: too big to hold\r\n\r\n");
        while (big.length() <= IntakeMessage.PARSE_LIMIT) {
            big.append("z".repeat(76)).append("\r\n");
        }
        try (SmtpClient c = connect()) {
            SmtpClient.await(c.mail("s@sender.example", List.of()));
            SmtpClient.await(c.rcpt("alice@example.test", List.of()));
            SmtpClient.await(c.rcpt("bob@example.test", List.of()));
            assertThat(SmtpClient.await(c.data(MessageBody.of(small.getBytes(StandardCharsets.ISO_8859_1)))).code()).isEqualTo(250);
            assertThat(send(c, "alice@example.test", big.toString()).code()).isEqualTo(250);
        }
        // Right after the 250, before any parse cacher could run (there is none here): read from the rows.
        MessageMeta a = messages(MailboxRole.INBOX).get(0);
        MessageMeta b = store.messages(store.mailbox(bob.id(), MailboxRole.INBOX).orElseThrow().id()).get(0);
        for (MessageMeta m : List.of(a, b)) {
            assertThat(m.envelope()).contains("parsed with its commit").contains("carol");
            assertThat(m.bodyStructure()).isNotNull();
        }
        assertThat(messages(MailboxRole.INBOX).get(1).envelope()).as("over the limit: left to the parse cacher").isNull();
        assertThat(added).extracting(StoreEvent.MessageAdded::parseCached).containsExactly(true, true, false);
    }

    @Test
    void aClientThatDisconnectsInsideDataLeavesNoFileAndNoMessage() throws Exception {
        start("10.77.0.1/32", 0);
        DataDirectory data = new DataDirectory(dir);
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", address.getPort())) {
            s.setSoTimeout(10_000);
            java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            java.io.OutputStream out = s.getOutputStream();
            assertThat(in.readLine()).startsWith("220");
            for (String cmd : List.of("HELO relay.example.test", "MAIL FROM:<s@sender.example>",
                    "RCPT TO:<alice@example.test>", "DATA")) {
                out.write((cmd + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(in.readLine()).as(cmd).matches("^(250|354) .*");
            }
            // Cut off inside the content: whatever the delivery wrote so far must go.
            out.write("Subject: cut off\r\n\r\nfirst half of the body".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            long left;
            try (var tmp = java.nio.file.Files.list(data.tmp()); var blobs = java.nio.file.Files.walk(data.blobs())) {
                left = tmp.count() + blobs.filter(java.nio.file.Files::isRegularFile).count();
            }
            if (left == 0) {
                break;
            }
            assertThat(System.nanoTime()).as("files of the abandoned message removed in time").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(messages(MailboxRole.INBOX)).isEmpty();
        // The session's thread is free again: the next message is stored.
        try (SmtpClient c = connect()) {
            assertThat(send(c, "alice@example.test", "Subject: next\r\n\r\nx\r\n").code()).isEqualTo(250);
        }
        assertThat(messages(MailboxRole.INBOX)).hasSize(1);
    }
}
