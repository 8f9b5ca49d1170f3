package org.hearthmail.relay.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
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
import org.hearthmail.smtp.client.MessageBody;
import org.hearthmail.smtp.client.SmtpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health hook of the spool fallback: while the tunnel supervisor reports the mailstore down,
 * the relay spools a transaction without even trying to reach the mailstore (no connect timeout).
 */
class TunnelDownSpoolsAtOnceTest {
    @TempDir
    Path dir;

    @Test
    void knownDownMailstoreIsNotDialledAndTheMessageIsSpooledWith250() throws Exception {
        byte[] salt = new byte[32];
        Files.write(dir.resolve("rcptcache.bin"), RecipientCacheCodec.encode(RecipientCache.build(salt, 1, "+",
                List.of(new Mailbox("alice", "example.test")), List.of())));
        ExecutorService work = Executors.newFixedThreadPool(2);
        try (ServerSocket mailstore = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Spool spool = Spool.open(dir.resolve("spool"), 64L << 20, SealPrivateKey.generate().publicKey())) {
            InboundChecks checks = new InboundChecks(new SenderChecks(new FakeResolver(), work, "mx.example.test",
                    AuthPolicy.TAG, "mx.example.test", Clock.systemUTC()), TempDirectory.prepare(dir.resolve("tmp")), work);
            SpoolFallback fallback = new SpoolFallback(spool,
                    Optional.of(RecipientCacheStore.open(dir.resolve("rcptcache.bin"), salt)), () -> { }, () -> true);
            InboundServer relay = new InboundServer(new InboundConfig("mx.example.test", Set.of("example.test"),
                    new InetSocketAddress("127.0.0.1", mailstore.getLocalPort()), 1 << 20),
                    new InetSocketAddress("127.0.0.1", 0), null, checks, null, fallback);
            try {
                InetSocketAddress mx = relay.start();
                SmtpClient c = SmtpClient.await(SmtpClient.connect("127.0.0.1", mx.getPort(), Duration.ofSeconds(10)));
                try {
                    SmtpClient.await(c.ehlo("sender.example"));
                    assertThat(SmtpClient.await(c.mail("bob@sender.example", List.of())).code()).isEqualTo(250);
                    assertThat(SmtpClient.await(c.rcpt("alice@example.test", List.of())).code()).isEqualTo(250);
                    String msg = "From: bob@sender.example\r\nTo: alice@example.test\r\nSubject: t\r\n\r\nhello\r\n";
                    assertThat(SmtpClient.await(c.data(MessageBody.of(msg.getBytes(StandardCharsets.US_ASCII)))).toString())
                            .contains("250 2.0.0 Queued");
                } finally {
                    c.close();
                }
                assertThat(spool.entries()).hasSize(1);
                mailstore.setSoTimeout(200);
                boolean dialled;
                try (var s = mailstore.accept()) {
                    dialled = true;
                } catch (SocketTimeoutException expected) {
                    dialled = false;
                }
                assertThat(dialled).as("the relay did not try the mailstore").isFalse();
            } finally {
                relay.close();
            }
        } finally {
            work.shutdownNow();
        }
    }
}
