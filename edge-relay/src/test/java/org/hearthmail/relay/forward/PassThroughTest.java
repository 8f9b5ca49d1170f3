package org.hearthmail.relay.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearthmail.dns.FakeResolver;
import org.hearthmail.relay.buffer.MemoryBudget;
import org.hearthmail.relay.buffer.TempDirectory;
import org.hearthmail.relay.checks.AuthPolicy;
import org.hearthmail.relay.checks.SenderChecks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live pass-through against a real SMTP server standing in for the mailstore: the mailstore
 * session a sender's transactions share, XCLIENT per sender, BDAT (or DATA) with the relay's fields on
 * top, and content held in memory or in the encrypted temp file.
 */
class PassThroughTest {

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final ExecutorService work = Executors.newFixedThreadPool(2);

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        work.shutdownNow();
    }

    private RecordingMailstore mailstore(boolean chunking) throws Exception {
        RecordingMailstore m = new RecordingMailstore(chunking);
        open.add(m);
        return m;
    }

    /** A relay to {@code mailstore}; DNS is fake and empty, so every check ends in none and nothing is refused. */
    private InetSocketAddress relay(RecordingMailstore mailstore, MemoryBudget memory) throws Exception {
        InboundChecks checks = new InboundChecks(new SenderChecks(new FakeResolver(), work, "mx.example.test",
                AuthPolicy.REJECT, "mx.example.test", Clock.systemUTC()), TempDirectory.prepare(dir.resolve("tmp")), work, memory);
        InboundServer relay = new InboundServer(new InboundConfig("mx.example.test", Set.of("example.test"),
                mailstore.address(), 10 << 20), new InetSocketAddress("127.0.0.1", 0), null, checks);
        open.add(relay);
        return relay.start();
    }

    private long tempFiles() throws IOException {
        try (var files = Files.list(dir.resolve("tmp"))) {
            return files.count();
        }
    }

    private static String message(String subject, int bodyLines) {
        StringBuilder sb = new StringBuilder("From: <bob@sender.example>\r\nTo: <alice@example.test>\r\nSubject: "
                + subject + "\r\n\r\n");
        for (int i = 0; i < bodyLines; i++) {
            sb.append(i % 50 == 7 ? ".a line that starts with a dot " : "line ").append(i)
                    .append(" 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\r\n");
        }
        return sb.toString();
    }

    @Test
    void sendersTransactionsShareOneMailstoreSessionAndEachSenderIsAnnouncedByItsOwnXclient() throws Exception {
        RecordingMailstore store = mailstore(true);
        InetSocketAddress mx = relay(store, MemoryBudget.ofHeap());
        try (SenderSocket a = new SenderSocket(mx, "127.0.0.2")) {
            a.ehlo("a.example");
            assertThat(a.send("alice@example.test", message("one", 3))).startsWith("250 2.0.0 Stored by the recording mailstore");
            assertThat(a.send("alice@example.test", message("two", 3))).startsWith("250 2.0.0 Stored by the recording mailstore");
            a.quit();
        }
        try (SenderSocket b = new SenderSocket(mx, "127.0.0.3")) {
            b.ehlo("b.example");
            assertThat(b.send("alice@example.test", message("three", 3))).startsWith("250 2.0.0");
            b.quit();
        }
        assertThat(store.stored).hasSize(3);
        RecordingMailstore.Stored one = store.stored.get(0);
        RecordingMailstore.Stored two = store.stored.get(1);
        RecordingMailstore.Stored three = store.stored.get(2);
        assertThat(List.of(one, two, three)).allMatch(s -> s.session().forwarded());
        assertThat(one.session().client().getAddress().getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(two.session().client()).isEqualTo(one.session().client());
        assertThat(one.session().helo()).isEqualTo("a.example");
        assertThat(two.session().helo()).isEqualTo("a.example");
        assertThat(three.session().client().getAddress().getHostAddress()).isEqualTo("127.0.0.3");
        assertThat(three.session().helo()).isEqualTo("b.example");
        assertThat(two.connection()).as("the second transaction reused the first one's mailstore session")
                .isEqualTo(one.connection());
        String first = store.transcripts.get(one.connection()).toString();
        assertThat(count(first, "(?m)^XCLIENT .*ADDR=127\\.0\\.0\\.2")).as("XCLIENT once for the sender, not per message: %s", first)
                .isEqualTo(1);
        assertThat(count(first, "(?m)^MAIL FROM:")).isEqualTo(2);
    }

    @Test
    void contentGoesWithBdatWithOneAuthenticationResultsOnTopAndTheMailstoresReplyReachesTheSender() throws Exception {
        RecordingMailstore store = mailstore(true);
        InetSocketAddress mx = relay(store, MemoryBudget.ofHeap());
        String msg = message("bdat", 20);
        assertThat(deliver(mx, msg)).isEqualTo("250 2.0.0 Stored by the recording mailstore");
        String stored = store.stored.get(0).text();
        assertThat(stored).startsWith("Authentication-Results: mx.example.test;");
        assertThat(count(stored, "(?mi)^Authentication-Results:")).isEqualTo(1);
        assertThat(stored.indexOf("(Hearthmail relay)")).isGreaterThan(stored.indexOf("Authentication-Results"));
        assertThat(stored).endsWith("\r\n" + msg);
        String wire = store.transcripts.get(0).toString();
        assertThat(wire).containsPattern("(?m)^BDAT \\d+ LAST$");
        assertThat(wire).doesNotContain("\r\nDATA\r\n");
        assertThat(tempFiles()).as("a small message never touches the disk").isZero();
    }

    @Test
    void withoutChunkingAtTheMailstoreTheContentGoesWithDotStuffedData() throws Exception {
        RecordingMailstore store = mailstore(false);
        InetSocketAddress mx = relay(store, MemoryBudget.ofHeap());
        String msg = message("data", 120);
        assertThat(deliver(mx, msg)).startsWith("250 2.0.0");
        assertThat(store.transcripts.get(0).toString()).contains("\r\nDATA\r\n").doesNotContain("BDAT");
        assertThat(store.stored.get(0).text()).startsWith("Authentication-Results: ").endsWith("\r\n" + msg);
    }

    @Test
    void messageLargerThanTheMemoryLimitPassesThroughTheEncryptedTempFileIntact() throws Exception {
        RecordingMailstore store = mailstore(true);
        InetSocketAddress mx = relay(store, MemoryBudget.ofHeap());
        String msg = message("large", 9000); // about 800 KiB, over the 256 KiB kept in memory
        assertThat(deliver(mx, msg)).startsWith("250 2.0.0");
        assertThat(store.stored.get(0).text()).endsWith("\r\n" + msg);
        assertThat(count(store.transcripts.get(0).toString(), "BDAT \\d+( LAST)?\r\n")).as("sent in several chunks").isGreaterThan(3);
        assertThat(tempFiles()).as("the temp file is deleted after the reply").isZero();
    }

    @Test
    void whenTheMemoryBudgetIsSpentMessagesStillPassThroughTheTempFile() throws Exception {
        RecordingMailstore store = mailstore(true);
        InetSocketAddress mx = relay(store, new MemoryBudget(0));
        String msg = message("no memory", 10);
        try (SenderSocket s = new SenderSocket(mx, "127.0.0.2")) {
            s.ehlo("a.example");
            assertThat(s.send("alice@example.test", msg)).startsWith("250 2.0.0");
            assertThat(s.send("alice@example.test", msg)).startsWith("250 2.0.0");
            s.quit();
        }
        assertThat(store.stored).hasSize(2).allMatch(st -> st.text().endsWith("\r\n" + msg));
        assertThat(tempFiles()).isZero();
    }

    @Test
    void unknownRecipientGetsTheMailstoresVerdictAtRcpt() throws Exception {
        RecordingMailstore store = mailstore(true);
        InetSocketAddress mx = relay(store, MemoryBudget.ofHeap());
        try (SenderSocket s = new SenderSocket(mx, "127.0.0.2")) {
            s.ehlo("a.example");
            assertThat(s.command("MAIL FROM:<bob@sender.example>")).startsWith("250");
            assertThat(s.command("RCPT TO:<nobody@example.test>")).isEqualTo("550 5.1.1 No such user here");
            assertThat(s.command("RCPT TO:<alice@example.org>")).startsWith("550 5.7.1");
            s.quit();
        }
        assertThat(store.stored).isEmpty();
    }

    @Test
    void mailstoreGoneBetweenTwoTransactionsIsNoticedAtOnceAndTheSenderToldToRetry() throws Exception {
        RecordingMailstore store = mailstore(true);
        InetSocketAddress mx = relay(store, MemoryBudget.ofHeap());
        try (SenderSocket s = new SenderSocket(mx, "127.0.0.2")) {
            s.ehlo("a.example");
            assertThat(s.send("alice@example.test", message("before", 3))).startsWith("250 2.0.0");
            store.close();
            long t0 = System.nanoTime();
            // No spool fallback here: 451 4.4.1, and the sender retries later.
            assertThat(s.command("MAIL FROM:<bob@sender.example>")).startsWith("451 4.4.1");
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - t0)).isLessThan(java.time.Duration.ofSeconds(10));
        }
    }

    /** One message from 127.0.0.2 on a connection of its own; the final reply. */
    private static String deliver(InetSocketAddress mx, String msg) throws IOException {
        try (SenderSocket s = new SenderSocket(mx, "127.0.0.2")) {
            s.ehlo("a.example");
            String reply = s.send("alice@example.test", msg);
            s.quit();
            return reply;
        }
    }

    private static int count(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
