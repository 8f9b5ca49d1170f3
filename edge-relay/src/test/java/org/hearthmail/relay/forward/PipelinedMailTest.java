package org.hearthmail.relay.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
import org.hearthmail.smtp.server.Decision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MAIL on a sender's open mailstore session is answered without waiting for the mailstore, and the
 * mailstore's verdict on it still reaches the sender, at RCPT: refusals per RCPT, a lost
 * mailstore as the spool's recipient check. Real sockets on both sides; the mailstore is our SMTP
 * server with a MAIL verdict the test controls.
 */
class PipelinedMailTest {

    private static final Reply SENDER_REFUSED = Reply.of(550, "5.7.1", "Sender refused by the recording mailstore");
    private static final Reply SENDER_DEFERRED = Reply.of(451, "4.3.0", "Sender deferred by the recording mailstore");

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final ExecutorService work = Executors.newFixedThreadPool(2);
    private final RecordingMailstore store;

    PipelinedMailTest() throws Exception {
        store = new RecordingMailstore(true);
        open.add(store);
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        work.shutdownNow();
    }

    private InetSocketAddress relay(SpoolFallback fallback) throws Exception {
        InboundChecks checks = new InboundChecks(new SenderChecks(new FakeResolver(), work, "mx.example.test",
                AuthPolicy.REJECT, "mx.example.test", Clock.systemUTC()), TempDirectory.prepare(dir.resolve("tmp")), work);
        InboundServer relay = new InboundServer(new InboundConfig("mx.example.test", Set.of("example.test"),
                store.address(), 10 << 20), new InetSocketAddress("127.0.0.1", 0), null, checks, null, fallback);
        open.add(relay);
        return relay.start();
    }

    /** A spool and a recipient cache that knows alice@example.test. */
    private SpoolFallback spoolFallback(Spool spool) throws Exception {
        byte[] salt = new byte[32];
        Files.write(dir.resolve("rcptcache.bin"), RecipientCacheCodec.encode(RecipientCache.build(salt, 1, "+",
                List.of(new Mailbox("alice", "example.test")), List.of())));
        return new SpoolFallback(spool, Optional.of(RecipientCacheStore.open(dir.resolve("rcptcache.bin"), salt)), () -> { });
    }

    /** A sender whose first message opened its mailstore session (so later MAILs are pipelined). */
    private SenderSocket senderWithOpenSession(InetSocketAddress mx) throws Exception {
        SenderSocket s = new SenderSocket(mx, "127.0.0.2");
        open.add(s);
        s.ehlo("a.example");
        assertThat(s.send("alice@example.test", message("first"))).startsWith("250 2.0.0 Stored");
        return s;
    }

    private static String message(String subject) {
        return "From: <bob@sender.example>\r\nTo: <alice@example.test>\r\nSubject: " + subject + "\r\n\r\nhello\r\n";
    }

    /** Makes the mailstore hold its verdict on the next MAIL until {@code verdict} completes; completes {@code asked} on MAIL. */
    private void holdMail(CompletableFuture<String> asked, CompletableFuture<Decision> verdict) {
        store.mailPolicy = path -> {
            asked.complete(path);
            return verdict;
        };
    }

    /** MAIL answered by the relay, received by the mailstore, which then goes away before answering it. */
    private SenderSocket mailPipelinedThenMailstoreGone(SpoolFallback fallback) throws Exception {
        SenderSocket s = senderWithOpenSession(relay(fallback));
        CompletableFuture<String> asked = new CompletableFuture<>();
        holdMail(asked, new CompletableFuture<>());
        assertThat(s.command("MAIL FROM:<bob@sender.example>")).startsWith("250");
        asked.get(20, TimeUnit.SECONDS);
        store.close();
        return s;
    }

    @Test
    void mailOnAnOpenSessionIsAnsweredBeforeTheMailstoreAnswersAndTheMessageIsStillStored() throws Exception {
        InetSocketAddress mx = relay(null);
        SenderSocket s = senderWithOpenSession(mx);
        CompletableFuture<String> asked = new CompletableFuture<>();
        CompletableFuture<Decision> verdict = new CompletableFuture<>();
        holdMail(asked, verdict);

        assertThat(s.command("MAIL FROM:<bob@sender.example>")).isEqualTo("250 2.1.0 Sender OK");
        assertThat(asked.get(20, TimeUnit.SECONDS)).as("MAIL reached the mailstore").isEqualTo("bob@sender.example");
        assertThat(verdict).as("the mailstore has not answered MAIL yet").isNotDone();
        verdict.complete(Decision.accept());
        assertThat(s.command("RCPT TO:<alice@example.test>")).startsWith("250 2.1.5");
        assertThat(s.command("DATA")).startsWith("354");
        assertThat(s.command(message("second") + ".")).isEqualTo("250 2.0.0 Stored by the recording mailstore");
        assertThat(store.stored).hasSize(2);
        assertThat(store.connections()).as("both transactions on one mailstore session").isEqualTo(1);
    }

    @Test
    void mailRefusedWith5yzByTheMailstoreIsTheReplyToEachRcptAndTheSessionGoesOn() throws Exception {
        InetSocketAddress mx = relay(null);
        SenderSocket s = senderWithOpenSession(mx);
        store.mailPolicy = path -> CompletableFuture.completedFuture(path.startsWith("spam@")
                ? Decision.reject(SENDER_REFUSED) : Decision.accept());

        assertThat(s.command("MAIL FROM:<spam@sender.example>")).startsWith("250");
        assertThat(s.command("RCPT TO:<alice@example.test>")).isEqualTo("550 5.7.1 Sender refused by the recording mailstore");
        assertThat(s.command("RCPT TO:<alice@example.test>")).isEqualTo("550 5.7.1 Sender refused by the recording mailstore");
        assertThat(s.command("DATA")).as("no recipient was accepted").startsWith("5");
        assertThat(s.command("RSET")).startsWith("250");
        assertThat(s.send("alice@example.test", message("after the refusal"))).startsWith("250 2.0.0 Stored");
        assertThat(store.stored).hasSize(2);
        assertThat(store.stored.get(1).text()).endsWith("Subject: after the refusal\r\n\r\nhello\r\n");
        assertThat(store.transcripts.get(0).toString()).as("no RCPT behind the refused MAIL (it would earn a 503)")
                .contains("MAIL FROM:<spam@sender.example>\r\n").doesNotContain("MAIL FROM:<spam@sender.example>\r\nRCPT");
    }

    @Test
    void mailDeferredWith4yzByTheMailstoreIsTheReplyToRcpt() throws Exception {
        InetSocketAddress mx = relay(null);
        SenderSocket s = senderWithOpenSession(mx);
        store.mailPolicy = path -> CompletableFuture.completedFuture(Decision.reject(SENDER_DEFERRED));

        assertThat(s.command("MAIL FROM:<bob@sender.example>")).startsWith("250");
        assertThat(s.command("RCPT TO:<alice@example.test>")).isEqualTo("451 4.3.0 Sender deferred by the recording mailstore");
        assertThat(store.stored).hasSize(1);
    }

    @Test
    void unknownFirstRecipientBehindAPipelinedMailGetsTheMailstoresVerdictAndTheNextOneIsAccepted() throws Exception {
        InetSocketAddress mx = relay(null);
        SenderSocket s = senderWithOpenSession(mx);

        assertThat(s.command("MAIL FROM:<bob@sender.example>")).startsWith("250");
        assertThat(s.command("RCPT TO:<nobody@example.test>")).isEqualTo("550 5.1.1 No such user here");
        assertThat(s.command("RCPT TO:<alice@example.test>")).startsWith("250 2.1.5");
        assertThat(s.command("DATA")).startsWith("354");
        assertThat(s.command(message("one of two") + ".")).startsWith("250 2.0.0 Stored");
        String wire = store.transcripts.get(0).toString();
        assertThat(wire).contains("MAIL FROM:<bob@sender.example>\r\nRCPT TO:<nobody@example.test>\r\n");
    }

    @Test
    void mailstoreLostBeforeAnsweringAPipelinedMailSpoolsTheTransactionAfterTheCacheCheck() throws Exception {
        Spool spool = Spool.open(dir.resolve("spool"), 64L << 20, SealPrivateKey.generate().publicKey());
        open.add(spool);
        SenderSocket s = mailPipelinedThenMailstoreGone(spoolFallback(spool));
        assertThat(s.command("RCPT TO:<nobody@example.test>")).as("the recipient cache decides now")
                .isEqualTo("550 5.1.1 No such user here");
        assertThat(s.command("RCPT TO:<alice@example.test>")).startsWith("250");
        assertThat(s.command("DATA")).startsWith("354");
        assertThat(s.command(message("spooled") + ".")).isEqualTo("250 2.0.0 Queued");
        assertThat(spool.entries()).hasSize(1);
        assertThat(store.stored).hasSize(1);
    }

    @Test
    void mailstoreLostBeforeAnsweringAPipelinedMailWithoutASpoolTellsTheSenderToRetryAtRcpt() throws Exception {
        SenderSocket s = mailPipelinedThenMailstoreGone(null);
        assertThat(s.command("RCPT TO:<alice@example.test>")).startsWith("451 4.4.1");
        assertThat(s.command("RCPT TO:<alice@example.test>")).startsWith("451 4.4.1");
    }
}
