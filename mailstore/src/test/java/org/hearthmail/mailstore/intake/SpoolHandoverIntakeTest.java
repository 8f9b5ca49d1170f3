package org.hearthmail.mailstore.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.hearthmail.proxy.CidrSet;
import org.hearthmail.seal.SealPrivateKey;
import org.hearthmail.seal.SealedWriter;
import org.hearthmail.smtp.Mailbox;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.client.MessageBody;
import org.hearthmail.smtp.client.SmtpClient;
import org.hearthmail.smtp.server.Envelope;
import org.hearthmail.smtp.server.MailFrom;
import org.hearthmail.smtp.server.RcptTo;
import org.hearthmail.spool.SpoolEntryCodec;
import org.hearthmail.spool.SpoolEntryMeta;
import org.hearthmail.xclient.XClientAttributes;
import org.hearthmail.xclient.XClientCommands;
import org.hearthmail.xclient.XClientProto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The intake taking sealed spool entries from the relay (ADR 0003), on loopback with a real store. */
class SpoolHandoverIntakeTest {

    @TempDir
    Path dir;
    private final SealPrivateKey key = SealPrivateKey.generate();
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private SqliteMailStore store;
    private IntakeServer server;
    private InetSocketAddress address;
    private User alice;
    private SpoolIds ids;

    @BeforeEach
    void start() throws Exception {
        store = SqliteMailStore.open(new DataDirectory(dir.resolve("home")).create(), StoreOptions.defaults());
        store.addDomain("example.test");
        alice = store.addUser("alice@example.test", null, 0);
        ids = SpoolIds.open(dir.resolve("spool-ids"), SpoolIds.DEFAULT_KEEP, Clock.systemUTC());
        server = new IntakeServer(new IntakeConfig("home.example.test", new InetSocketAddress("127.0.0.1", 0),
                CidrSet.of("127.0.0.1/32"), 10L * 1024 * 1024, "mx.example.test", false), store, executor,
                new SpoolIntake(key, ids, dir.resolve("home/tmp")));
        address = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
        executor.shutdownNow();
    }

    private byte[] entry(UUID id, String rcpt, String content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XClientAttributes client = XClientAttributes.builder().addr(InetAddress.getByName("192.0.2.7")).port(40000)
                .helo("sender.example").proto(XClientProto.ESMTP).build();
        Envelope env = new Envelope(new MailFrom(new Mailbox("bob", "sender.example"), -1, null, false, null, null, null,
                Map.of()), List.of(new RcptTo(new Mailbox(rcpt.substring(0, rcpt.indexOf('@')), rcpt.substring(rcpt.indexOf('@') + 1)),
                Set.of(), null)));
        SealedWriter w = SpoolEntryCodec.begin(out, key.publicKey(), id,
                new SpoolEntryMeta(env, client, Instant.now(), "Authentication-Results: mx.example.test; spf=pass"));
        w.write(content.getBytes(StandardCharsets.UTF_8));
        w.finish();
        return out.toByteArray();
    }

    /** The relay's hand-over: XCLIENT LOGIN (when trusted), MAIL FROM:<>, RCPT spool@relay.invalid, BDAT LAST. */
    private Reply handOver(byte[] sealed, boolean xclient) throws Exception {
        SmtpClient c = SmtpClient.await(SmtpClient.connect("127.0.0.1", address.getPort(), Duration.ofSeconds(5)));
        try {
            SmtpClient.await(c.ehlo("mx.example.test"));
            if (xclient) {
                assertThat(SmtpClient.await(c.xclient(XClientCommands.encode(
                        XClientAttributes.builder().login("mx.example.test").build()))).code()).isEqualTo(220);
                SmtpClient.await(c.ehlo("mx.example.test"));
            }
            assertThat(SmtpClient.await(c.mail("", List.of())).code()).isEqualTo(250);
            Reply r = SmtpClient.await(c.rcpt("spool@relay.invalid", List.of()));
            if (!r.isPositive()) {
                return r;
            }
            // As the relay sends it: base64 lines (RFC 2045 §6.8), since BDAT content must be CRLF lines.
            byte[] lines = (java.util.Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(sealed) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            return SmtpClient.await(c.bdat(MessageBody.of(lines)));
        } finally {
            c.close();
        }
    }

    private List<MessageMeta> inbox() {
        return store.messages(store.mailbox(alice.id(), MailboxRole.INBOX).orElseThrow().id());
    }

    private String body(MessageMeta m) throws IOException {
        try (InputStream in = store.openBody(m)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static final String CONTENT = "Authentication-Results: mx.example.test; spf=pass smtp.mailfrom=sender.example\r\n"
            + "Received: from sender.example ([192.0.2.7]) by mx.example.test (Hearthmail relay)\r\n"
            + "From: bob@sender.example\r\nSubject: spooled\r\n\r\nhello from the spool\r\n";

    @Test
    void aSealedEntryFromTheRelayIsDeliveredWithItsSealedEnvelopeAndClientFacts() throws Exception {
        Reply r = handOver(entry(UUID.randomUUID(), "alice@example.test", CONTENT), true);
        assertThat(r.code()).as(r.toString()).isEqualTo(250);
        assertThat(inbox()).hasSize(1);
        String stored = body(inbox().get(0));
        // Our Received line names the original sender from the sealed XCLIENT facts, not the relay.
        assertThat(stored).startsWith("Received: from sender.example (unknown [192.0.2.7])\r\n\tby home.example.test (Hearthmail)");
        assertThat(stored).contains("Authentication-Results: mx.example.test; spf=pass").endsWith("hello from the spool\r\n");
        assertThat(Files.list(dir.resolve("home/tmp")).filter(p -> p.toString().endsWith(".sealed"))).as("temp removed").isEmpty();
    }

    @Test
    void theSameEntryHandedOverTwiceIsDeliveredOnce() throws Exception {
        byte[] sealed = entry(UUID.randomUUID(), "alice@example.test", CONTENT);
        assertThat(handOver(sealed, true).code()).isEqualTo(250);
        Reply again = handOver(sealed, true);
        assertThat(again.code()).isEqualTo(250);
        assertThat(again.toString()).contains("Already delivered");
        assertThat(inbox()).hasSize(1);
        // The memory survives a restart of the mailstore.
        assertThat(SpoolIds.open(dir.resolve("spool-ids"), SpoolIds.DEFAULT_KEEP, Clock.systemUTC()).size()).isEqualTo(1);
    }

    @Test
    void theSpoolRecipientIsRefusedWithoutTrustedXclient() throws Exception {
        Reply r = handOver(entry(UUID.randomUUID(), "alice@example.test", CONTENT), false);
        assertThat(r.code()).isEqualTo(550);
        assertThat(r.toString()).contains("5.7.1");
        assertThat(inbox()).isEmpty();
    }

    @Test
    void anAlteredEntryIsRefusedAndNothingIsDelivered() throws Exception {
        byte[] sealed = entry(UUID.randomUUID(), "alice@example.test", CONTENT);
        sealed[sealed.length - 20] ^= 1;
        Reply r = handOver(sealed, true);
        assertThat(r.code()).isEqualTo(554);
        assertThat(r.toString()).contains("5.7.5");
        assertThat(inbox()).isEmpty();
        assertThat(ids.size()).isZero();
    }

    @Test
    void anEntrySealedToAnotherKeyIsRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SealedWriter w = SpoolEntryCodec.begin(out, SealPrivateKey.generate().publicKey(), UUID.randomUUID(),
                new SpoolEntryMeta(new Envelope(new MailFrom(null, -1, null, false, null, null, null, Map.of()),
                        List.of(new RcptTo(new Mailbox("alice", "example.test"), Set.of(), null))),
                        XClientAttributes.none(), Instant.now(), ""));
        w.write("Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
        w.finish();
        assertThat(handOver(out.toByteArray(), true).code()).isEqualTo(554);
        assertThat(inbox()).isEmpty();
    }

    @Test
    void aRecipientGoneSinceSpoolingIsDroppedAndTheEntryAcknowledged() throws Exception {
        Reply r = handOver(entry(UUID.randomUUID(), "gone@example.test", CONTENT), true);
        assertThat(r.code()).isEqualTo(250);
        assertThat(inbox()).isEmpty();
    }

    @Test
    void anEntryNearTheMessageSizeLimitFitsDespiteSealAndBase64() throws Exception {
        // 9.5 MiB of content against a 10 MiB intake limit: about 13 MiB on the wire.
        StringBuilder big = new StringBuilder(CONTENT);
        String line = "x".repeat(98) + "\r\n";
        while (big.length() < 9_500_000) {
            big.append(line);
        }
        Reply r = handOver(entry(UUID.randomUUID(), "alice@example.test", big.toString()), true);
        assertThat(r.code()).as(r.toString()).isEqualTo(250);
        assertThat(inbox()).hasSize(1);
    }

    @Test
    void anOrdinaryMessageOverTheLimitIsStillRefusedWith552() throws Exception {
        SmtpClient c = SmtpClient.await(SmtpClient.connect("127.0.0.1", address.getPort(), Duration.ofSeconds(5)));
        try {
            SmtpClient.await(c.ehlo("relay.example.test"));
            assertThat(SmtpClient.await(c.mail("bob@sender.example", List.of())).code()).isEqualTo(250);
            assertThat(SmtpClient.await(c.rcpt("alice@example.test", List.of())).code()).isEqualTo(250);
            StringBuilder big = new StringBuilder("Subject: big\r\n\r\n");
            String line = "y".repeat(98) + "\r\n";
            while (big.length() < 11 * 1024 * 1024) {
                big.append(line);
            }
            Reply r = SmtpClient.await(c.data(MessageBody.of(big.toString().getBytes(StandardCharsets.US_ASCII))));
            assertThat(r.code()).as(r.toString()).isEqualTo(552);
        } finally {
            c.close();
        }
        assertThat(inbox()).isEmpty();
    }
}
