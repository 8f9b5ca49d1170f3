package org.hearthmail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.hearthmail.mailstore.rcptpush.PushOutcome;
import org.hearthmail.mailstore.rcptpush.RelayCachePusher;
import org.hearthmail.mailstore.service.MailstoreService;
import org.hearthmail.mailstore.submission.RelayHandoff;
import org.hearthmail.rcptcache.RecipientCache;
import org.hearthmail.rcptcache.RecipientCacheCodec;
import org.hearthmail.relay.service.RelayService;
import org.hearthmail.smtp.Mailbox;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.client.MessageBody;
import org.hearthmail.smtp.client.SmtpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * docs/adr/0007: a running mailstore pushes its recipient cache to a running relay over the relay's
 * outbound listener (STARTTLS, AUTH), and the relay answers RCPTs from it while the mailstore is
 * away. Both programs on loopback; account changes made by the CLI in another JVM.
 */
class RecipientCachePushTest {
    private static final Duration PROPAGATION = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private LoopbackPair bed;
    private RelayService relay;
    private MailstoreService mailstore;
    private io.netty.channel.EventLoopGroup group;

    @BeforeEach
    void start() throws Exception {
        bed = new LoopbackPair(dir);
        relay = RelayService.open(bed.relay).start();
        mailstore = MailstoreService.open(bed.home);
        mailstore.store().addUser("bob@example.test", null, 0);
        mailstore.start();
    }

    @AfterEach
    void stop() {
        if (mailstore != null) {
            mailstore.close();
        }
        if (relay != null) {
            relay.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** The relay's cache file as it is on disk now, or null. */
    private RecipientCache relayCache() throws Exception {
        Path file = bed.relay.resolve("rcptcache.bin");
        if (!Files.exists(file)) {
            return null;
        }
        return RecipientCacheCodec.decode(Files.readAllBytes(file), bed.salt);
    }

    private RecipientCache awaitRelayCache(Predicate<RecipientCache> condition) throws Exception {
        long deadline = System.nanoTime() + PROPAGATION.toNanos();
        RecipientCache c = relayCache();
        while ((c == null || !condition.test(c)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            c = relayCache();
        }
        assertThat(c).as("relay's recipient cache").isNotNull().matches(condition, "reached within " + PROPAGATION);
        return c;
    }

    private static Mailbox box(String address) {
        int at = address.indexOf('@');
        return new Mailbox(address.substring(0, at), address.substring(at + 1));
    }

    @Test
    void accountChangesReachTheRelayAndItsRcptVerdictsWhileTheMailstoreIsDown() throws Exception {
        awaitRelayCache(c -> c.contains(box("bob@example.test")));

        bed.mailstoreCli("a-password-for-carol-42\n", "user", "add", "carol@example.test", "--password-stdin");
        awaitRelayCache(c -> c.contains(box("carol@example.test")));
        bed.mailstoreCli(null, "user", "remove", "bob@example.test", "--yes");
        awaitRelayCache(c -> !c.contains(box("bob@example.test")) && c.contains(box("carol@example.test")));

        mailstore.close();
        mailstore = null;
        try (SmtpClient c = SmtpClient.await(SmtpClient.connect("127.0.0.1", bed.mx, Duration.ofSeconds(10)))) {
            SmtpClient.await(c.ehlo("sender.example"));
            assertThat(SmtpClient.await(c.mail("someone@sender.example", List.of())).code()).isEqualTo(250);
            assertThat(SmtpClient.await(c.rcpt("Carol+news@example.test", List.of())).toString()).startsWith("250");
            assertThat(SmtpClient.await(c.rcpt("nobody@example.test", List.of())).toString()).startsWith("550 5.1.1");
            assertThat(SmtpClient.await(c.rcpt("bob@example.test", List.of())).toString()).startsWith("550 5.1.1");
            Reply data = SmtpClient.await(c.data(MessageBody.of(
                    "From: someone@sender.example\r\nSubject: while away\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII))));
            assertThat(data.toString()).startsWith("250 2.0.0 Queued");
        }
        assertThat(relay.spool().entries()).hasSize(1);
    }

    private RelayCachePusher pusher(String secret) throws Exception {
        Path creds = bed.home.resolve("keys/test-credentials");
        Files.deleteIfExists(creds);
        LoopbackPair.credentials(creds, secret);
        String fingerprint = Files.readString(bed.home.resolve("mailstore.toml")).replaceAll("(?s).*tls_fingerprint = \"([0-9a-f]+)\".*", "$1");
        group = new io.netty.channel.MultiThreadIoEventLoopGroup(1, io.netty.channel.nio.NioIoHandler.newFactory());
        return new RelayCachePusher(new RelayHandoff.Target(new java.net.InetSocketAddress("127.0.0.1", bed.outbound),
                fingerprint, creds), "home.example.test", group, Duration.ofSeconds(30));
    }

    @Test
    void aPushWithTheWrongSecretIsRefusedAndChangesNothing() throws Exception {
        RecipientCache before = awaitRelayCache(c -> c.contains(box("bob@example.test")));
        byte[] onDisk = Files.readAllBytes(bed.relay.resolve("rcptcache.bin"));
        byte[] evil = RecipientCacheCodec.encode(RecipientCache.build(bed.salt, Long.MAX_VALUE - 1, "+",
                List.of(box("mallory@example.test")), List.of()));

        PushOutcome outcome = pusher("not-the-secret-but-long-enough-0000").push(evil);

        assertThat(outcome).isInstanceOf(PushOutcome.Refused.class);
        assertThat(((PushOutcome.Refused) outcome).reply().code()).isEqualTo(535);
        assertThat(Files.readAllBytes(bed.relay.resolve("rcptcache.bin"))).isEqualTo(onDisk);
        assertThat(relayCache().generation()).isEqualTo(before.generation());
    }

    @Test
    void aTruncatedOrGarbagePushIsRejectedWithAClearLogLineAndTheOldCacheStays() throws Exception {
        awaitRelayCache(c -> c.contains(box("bob@example.test")));
        mailstore.close(); // no further pushes of its own while we look
        mailstore = null;
        byte[] onDisk = Files.readAllBytes(bed.relay.resolve("rcptcache.bin"));
        Logger sinkLog = (Logger) LoggerFactory.getLogger("org.hearthmail.relay.outbound.RecipientCacheSink");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        sinkLog.addAppender(logged);
        try {
            RelayCachePusher pusher = pusher(LoopbackPair.SECRET);
            byte[] valid = RecipientCacheCodec.encode(RecipientCache.build(bed.salt, Long.MAX_VALUE - 1, "+",
                    List.of(box("mallory@example.test")), List.of()));

            PushOutcome truncated = pusher.push(Arrays.copyOf(valid, valid.length - 7));
            PushOutcome garbage = pusher.push("garbage, not a cache".getBytes(StandardCharsets.US_ASCII));
            byte[] otherSalt = RecipientCacheCodec.encode(RecipientCache.build(new byte[32], Long.MAX_VALUE - 1, "+",
                    List.of(box("mallory@example.test")), List.of()));
            PushOutcome wrongSalt = pusher.push(otherSalt);

            for (PushOutcome o : List.of(truncated, garbage, wrongSalt)) {
                assertThat(o).isInstanceOf(PushOutcome.Refused.class);
                assertThat(((PushOutcome.Refused) o).reply().toString()).startsWith("554 5.7.7");
            }
        } finally {
            sinkLog.detachAppender(logged);
        }
        assertThat(logged.list).hasSize(3).allSatisfy(e -> assertThat(e.getFormattedMessage())
                .contains("recipient cache push refused").contains("keeping generation"));
        assertThat(logged.list.get(2).getFormattedMessage()).contains("different salt");
        assertThat(Files.readAllBytes(bed.relay.resolve("rcptcache.bin"))).isEqualTo(onDisk);
        try (SmtpClient c = SmtpClient.await(SmtpClient.connect("127.0.0.1", bed.mx, Duration.ofSeconds(10)))) {
            SmtpClient.await(c.ehlo("sender.example"));
            SmtpClient.await(c.mail("someone@sender.example", List.of()));
            assertThat(SmtpClient.await(c.rcpt("bob@example.test", List.of())).toString()).startsWith("250");
            assertThat(SmtpClient.await(c.rcpt("mallory@example.test", List.of())).toString()).startsWith("550 5.1.1");
        }
    }
}
