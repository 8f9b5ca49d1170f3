package org.hearthmail.relay.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hearthmail.rcptcache.RecipientCache;
import org.hearthmail.rcptcache.RecipientCacheCodec;
import org.hearthmail.rcptcache.RecipientCachePush;
import org.hearthmail.relay.queue.QueueStore;
import org.hearthmail.relay.queue.SuppressionList;
import org.hearthmail.relay.rcptcache.RecipientCacheStore;
import org.hearthmail.smtp.Mailbox;
import org.hearthmail.smtp.client.MessageBody;
import org.hearthmail.smtp.client.SmtpClient;
import org.hearthmail.tls.SelfSignedCertificates;
import org.hearthmail.tls.TlsContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recipient cache pushes on the real outbound listener (docs/adr/0007), as transcripts. */
class CachePushListenerTest {
    private static final byte[] SALT = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Mailbox ALICE = new Mailbox("alice", "home.example.test");
    @TempDir
    Path dir;
    private OutboundListener listener;
    private QueueStore queue;

    private InetSocketAddress start(RecipientCacheStore store, InetAddress pushFrom) throws Exception {
        queue = QueueStore.open(dir.resolve("queue"));
        var tls = TlsContexts.server(SelfSignedCertificates.create("relay.example.test", Duration.ofDays(1)));
        OutboundConfig cfg = new OutboundConfig(new InetSocketAddress("127.0.0.1", 0), "relay.example.test", tls,
                OutboundFixture.RELAY, OutboundFixture.SECRET.getBytes(StandardCharsets.UTF_8), 10 * 1024 * 1024, 100)
                .withCachePushes(store == null ? null : new CachePushes(store, pushFrom));
        listener = new OutboundListener(cfg, queue, SuppressionList.open(dir.resolve("suppressed")));
        return listener.start();
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    private static byte[] cache(long generation) {
        return RecipientCacheCodec.encode(RecipientCache.build(SALT, generation, "+", List.of(ALICE), List.of()));
    }

    private static String push(SmtpClient c, byte[] file) throws Exception {
        SmtpClient.await(c.mail("", List.of()));
        String rcpt = SmtpClient.await(c.rcpt(RecipientCachePush.CONTROL_ADDRESS, List.of())).toString();
        if (!rcpt.startsWith("250")) {
            SmtpClient.await(c.rset());
            return rcpt;
        }
        return SmtpClient.await(c.data(MessageBody.of(RecipientCachePush.message(file)))).toString();
    }

    @Test
    void aPushFromTheMailstoreIsInstalledAndARepeatConfirmsIt() throws Exception {
        RecipientCacheStore store = RecipientCacheStore.open(dir.resolve("rcptcache.bin"), SALT);
        InetSocketAddress addr = start(store, InetAddress.getByName("127.0.0.1"));
        try (SmtpClient c = OutboundFixture.handOff(addr, OutboundFixture.RELAY, OutboundFixture.SECRET)) {
            assertThat(push(c, cache(10))).isEqualTo("250 2.0.0 Recipient cache installed=10 (1 entries)");
            assertThat(store.answer(ALICE)).isEqualTo(RecipientCacheStore.Answer.DELIVERABLE);
            assertThat(push(c, cache(10))).isEqualTo("250 2.0.0 Recipient cache already at installed=10");
            assertThat(push(c, cache(9))).isEqualTo("554 5.6.0 Recipient cache generation is older than installed=10");
        }
        assertThat(queue.list()).as("nothing queued for delivery").isEmpty();
    }

    @Test
    void aPushFromAnotherAddressThanTheMailstoresIsRefused() throws Exception {
        RecipientCacheStore store = RecipientCacheStore.open(dir.resolve("rcptcache.bin"), SALT);
        InetSocketAddress addr = start(store, InetAddress.getByName("10.77.0.2"));
        try (SmtpClient c = OutboundFixture.handOff(addr, OutboundFixture.RELAY, OutboundFixture.SECRET)) {
            assertThat(push(c, cache(1))).startsWith("550 5.7.1");
        }
        assertThat(store.missing()).isTrue();
    }

    @Test
    void aRelayWithoutSaltRefusesPushes() throws Exception {
        InetSocketAddress addr = start(null, null);
        try (SmtpClient c = OutboundFixture.handOff(addr, OutboundFixture.RELAY, OutboundFixture.SECRET)) {
            assertThat(push(c, cache(1))).startsWith("550 5.7.0");
        }
    }

    @Test
    void aPushTakesNoOtherRecipientsAndOrdinaryMailStillQueues() throws Exception {
        RecipientCacheStore store = RecipientCacheStore.open(dir.resolve("rcptcache.bin"), SALT);
        InetSocketAddress addr = start(store, InetAddress.getByName("127.0.0.1"));
        ch.qos.logback.classic.Logger summary = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.hearthmail.log.MessageSummary.LOGGER);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines = new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        summary.addAppender(lines);
        summary.setLevel(ch.qos.logback.classic.Level.INFO);
        try (SmtpClient c = OutboundFixture.handOff(addr, OutboundFixture.RELAY, OutboundFixture.SECRET)) {
            SmtpClient.await(c.mail("", List.of()));
            assertThat(SmtpClient.await(c.rcpt(RecipientCachePush.CONTROL_ADDRESS, List.of())).code()).isEqualTo(250);
            assertThat(SmtpClient.await(c.rcpt("bob@remote.example.test", List.of())).toString()).startsWith("503 5.5.1");
            SmtpClient.await(c.rset());
            SmtpClient.await(c.mail("a@home.example.test", List.of()));
            assertThat(SmtpClient.await(c.rcpt("bob@remote.example.test", List.of())).code()).isEqualTo(250);
            assertThat(SmtpClient.await(c.rcpt(RecipientCachePush.CONTROL_ADDRESS, List.of())).toString()).startsWith("503 5.5.1");
            assertThat(SmtpClient.await(c.data(MessageBody.of(OutboundFixture.message("x").getBytes(StandardCharsets.UTF_8))))
                    .code()).isEqualTo(250);
        }
        summary.detachAppender(lines);
        summary.setLevel(null);
        assertThat(queue.list()).hasSize(1);
        assertThat(store.missing()).isTrue();
        // One summary line, for the one message: its queue id, authenticated, no local part.
        assertThat(lines.list).singleElement().extracting(e -> e.getFormattedMessage()).asString()
                .matches("msg id=\\S+\\.1 queue=" + java.util.regex.Pattern.quote(queue.list().get(0).id())
                        + " dir=out result=250/2\\.0\\.0 size=0-1K tls=yes auth=smtp-auth:pass client=127\\.0\\.0\\.0/24 "
                        + "from=@home\\.example\\.test to=@remote\\.example\\.test rcpts=1");
    }
}
