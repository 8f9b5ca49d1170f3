package org.hearthmail.relay.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearthmail.dns.FakeResolver;
import org.hearthmail.rcptcache.RecipientCache;
import org.hearthmail.rcptcache.RecipientCacheCodec;
import org.hearthmail.relay.buffer.TempDirectory;
import org.hearthmail.relay.checks.AuthPolicy;
import org.hearthmail.relay.checks.SenderChecks;
import org.hearthmail.relay.rcptcache.RecipientCacheStore;
import org.hearthmail.relay.spool.Spool;
import org.hearthmail.seal.SealPrivateKey;
import org.hearthmail.smtp.Mailbox;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.client.MessageBody;
import org.hearthmail.smtp.client.SmtpClient;
import org.hearthmail.spool.OpenedSpoolEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mailstore that stops answering on a real loopback socket (the connection stays open, no reply,
 * as with a hung process or a quiet tunnel): the relay stops waiting after its link timeouts, not
 * RFC 5321's minutes, and either refuses for a retry (no spool) or keeps the message in its spool.
 */
class QuietMailstoreTest {

    private static final LinkTimeouts TIMEOUTS = new LinkTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));
    /** Room for a loaded build machine. */
    private static final long MARGIN_MS = 10_000;
    private static final Pattern TRANSACTION = Pattern.compile("Hearthmail-Transaction: ([0-9a-f-]{36})\r\nReceived: ");

    @TempDir
    Path dir;
    private final ExecutorService work = Executors.newFixedThreadPool(2);
    private final SealPrivateKey spoolKey = SealPrivateKey.generate();
    private RecordingMailstore mailstore;
    private InboundServer relay;
    private Spool spool;

    @AfterEach
    void close() throws Exception {
        if (relay != null) {
            relay.close();
        }
        if (mailstore != null) {
            mailstore.close();
        }
        if (spool != null) {
            spool.close();
        }
        work.shutdownNow();
    }

    private InetSocketAddress start(boolean withSpool) throws Exception {
        mailstore = new RecordingMailstore(true);
        InboundChecks checks = new InboundChecks(new SenderChecks(new FakeResolver(), work, "mx.example.test",
                AuthPolicy.TAG, "mx.example.test", Clock.systemUTC()), TempDirectory.prepare(dir.resolve("tmp")), work);
        SpoolFallback fallback = null;
        if (withSpool) {
            byte[] salt = new byte[32];
            Files.write(dir.resolve("rcptcache.bin"), RecipientCacheCodec.encode(RecipientCache.build(salt, 1, "+",
                    List.of(new Mailbox("alice", "example.test")), List.of())));
            spool = Spool.open(dir.resolve("spool"), 64L << 20, spoolKey.publicKey());
            fallback = new SpoolFallback(spool, Optional.of(RecipientCacheStore.open(dir.resolve("rcptcache.bin"), salt)), () -> { });
        }
        relay = new InboundServer(new InboundConfig("mx.example.test", Set.of("example.test"), mailstore.address(), 1 << 20,
                TIMEOUTS), new InetSocketAddress("127.0.0.1", 0), null, checks, null, fallback);
        return relay.start();
    }

    private static SmtpClient sender(InetSocketAddress mx) throws Exception {
        SmtpClient c = SmtpClient.await(SmtpClient.connect("127.0.0.1", mx.getPort(), Duration.ofSeconds(10)));
        SmtpClient.await(c.ehlo("sender.example"));
        return c;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void withoutASpoolASilentRcptIsAnswered451WithinTheCommandTimeout() throws Exception {
        InetSocketAddress mx = start(false);
        try (SmtpClient c = sender(mx)) {
            assertThat(SmtpClient.await(c.mail("bob@sender.example", List.of())).code()).isEqualTo(250);
            mailstore.silentAtRcpt = true;
            long start = System.nanoTime();
            Reply rcpt = SmtpClient.await(c.rcpt("alice@example.test", List.of()));
            assertThat(rcpt.toString()).startsWith("451 4.4.1");
            assertThat(millisSince(start)).isBetween(TIMEOUTS.command().toMillis() - 100, TIMEOUTS.command().toMillis() + MARGIN_MS);
        }
    }

    @Test
    void noFinalReplyIsSpooledWithTheSameTransactionIdTheMailstoreSawLive() throws Exception {
        InetSocketAddress mx = start(true);
        try (SmtpClient c = sender(mx)) {
            assertThat(SmtpClient.await(c.mail("bob@sender.example", List.of())).code()).isEqualTo(250);
            assertThat(SmtpClient.await(c.rcpt("alice@example.test", List.of())).code()).isEqualTo(250);
            mailstore.silentAtCommit = true;
            long start = System.nanoTime();
            Reply data = SmtpClient.await(c.data(MessageBody.of(
                    "From: bob@sender.example\r\nSubject: quiet\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII))));
            assertThat(data.toString()).startsWith("250 2.0.0 Queued");
            assertThat(millisSince(start)).isBetween(TIMEOUTS.commit().toMillis() - 100, TIMEOUTS.commit().toMillis() + MARGIN_MS);
        }
        assertThat(mailstore.unanswered).hasSize(1);
        Matcher live = TRANSACTION.matcher(new String(mailstore.unanswered.get(0), StandardCharsets.ISO_8859_1));
        assertThat(live.find()).as("the live copy carries a transaction id above our Received").isTrue();
        assertThat(spool.entries()).hasSize(1);
        String spooled;
        try (OpenedSpoolEntry e = spool.entries().get(0).open(spoolKey)) {
            assertThat(e.meta().envelope().recipients()).hasSize(1);
            spooled = new String(e.content().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        Matcher sealed = TRANSACTION.matcher(spooled);
        assertThat(sealed.find()).isTrue();
        assertThat(sealed.group(1)).as("the same id in both copies").isEqualTo(live.group(1));
        assertThat(spooled).contains("Subject: quiet\r\n\r\nbody\r\n");
    }

    @Test
    void eachMessageGetsItsOwnTransactionId() throws Exception {
        InetSocketAddress mx = start(false);
        try (SmtpClient c = sender(mx)) {
            for (int i = 0; i < 2; i++) {
                SmtpClient.await(c.mail("bob@sender.example", List.of()));
                SmtpClient.await(c.rcpt("alice@example.test", List.of()));
                assertThat(SmtpClient.await(c.data(MessageBody.of("Subject: s\r\n\r\nb\r\n".getBytes(StandardCharsets.US_ASCII))))
                        .code()).isEqualTo(250);
            }
        }
        List<String> ids = mailstore.stored.stream().map(s -> {
            Matcher m = TRANSACTION.matcher(s.text());
            assertThat(m.find()).isTrue();
            return m.group(1);
        }).toList();
        assertThat(ids).hasSize(2).doesNotHaveDuplicates();
    }
}
