package org.hearthmail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.hearthmail.rcptcache.RecipientCache;
import org.hearthmail.rcptcache.RecipientCacheCodec;
import org.hearthmail.relay.service.RelayService;
import org.hearthmail.smtp.Mailbox;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.client.MessageBody;
import org.hearthmail.smtp.client.SmtpClient;
import org.hearthmail.testsupport.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mailstore that goes quiet mid-transaction (process SIGSTOPped; or its replies lost on the way
 * back) does not hold the sender for RFC 5321's minutes: after {@code [mailstore] command_timeout}
 * or {@code commit_timeout} the relay keeps the transaction in its sealed spool, answers 250 after
 * the spool's fsync, and hands it over when the mailstore answers again; the mailbox then holds each
 * message exactly once, also when the mailstore had committed the live copy. A real {@code mailstore
 * run} process, the relay in this JVM, both on loopback.
 */
class HungMailstoreTest {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(3);
    /** Room for a loaded build machine on top of the configured timeout. */
    private static final Duration MARGIN = Duration.ofSeconds(10);
    private static final Pattern SUBJECT = Pattern.compile("Subject: hung-(\\d+)\r\n");

    @TempDir
    Path dir;
    private LoopbackPair bed;
    private Process mailstore;
    private boolean stopped;
    private RelayService relay;
    private ReplySwallowingProxy proxy;

    @BeforeEach
    void provision() throws Exception {
        bed = new LoopbackPair(dir);
        try (SqliteMailStore store = SqliteMailStore.open(new DataDirectory(bed.home), StoreOptions.defaults())) {
            store.addUser("alice@example.test", null, 0);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (relay != null) {
            relay.close();
        }
        if (mailstore != null && stopped) {
            signal("CONT");
        }
        LoopbackPair.stop(mailstore);
        if (proxy != null) {
            proxy.close();
        }
    }

    /** Short link timeouts, and the intake address the relay should use. */
    private void startBoth(int relayIntakePort) throws Exception {
        Path toml = bed.relay.resolve("relay.toml");
        String intakeLine = "intake = \"127.0.0.1:" + bed.intake + "\"\n";
        Files.writeString(toml, Files.readString(toml).replace(intakeLine, "intake = \"127.0.0.1:" + relayIntakePort + "\"\n"
                + "command_timeout = \"" + COMMAND_TIMEOUT.toSeconds() + "s\"\ncommit_timeout = \""
                + COMMIT_TIMEOUT.toSeconds() + "s\"\n"));
        relay = RelayService.open(bed.relay).start();
        mailstore = LoopbackPair.run("org.hearthmail.mailstore.cli.MailstoreCommand", bed.home, bed.intake,
                dir.resolve("mailstore.out"));
        // The relay can only check recipients while spooling once the mailstore has pushed its cache.
        await(() -> relayCacheHas("alice"), Duration.ofSeconds(40), "recipient cache pushed to the relay");
    }

    private boolean relayCacheHas(String local) {
        try {
            Path file = bed.relay.resolve("rcptcache.bin");
            if (!Files.exists(file)) {
                return false;
            }
            RecipientCache c = RecipientCacheCodec.decode(Files.readAllBytes(file), bed.salt);
            return c.contains(new Mailbox(local, "example.test"));
        } catch (IOException | RuntimeException e) {
            return false; // being replaced right now
        }
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(mailstore.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -" + name).isZero();
        stopped = name.equals("STOP");
    }

    private static byte[] message(int n) {
        return ("From: bob@sender.example\r\nTo: alice@example.test\r\nSubject: hung-" + n + "\r\nMessage-ID: <hung-" + n
                + "@sender.example>\r\n\r\nbody " + n + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void await(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + limit.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /** Subjects' numbers in alice's INBOX, read beside the running mailstore. */
    private List<Integer> inbox() {
        try (SqliteMailStore store = SqliteMailStore.openBeside(new DataDirectory(bed.home), StoreOptions.defaults())) {
            User alice = store.user("alice@example.test").orElseThrow();
            List<Integer> out = new ArrayList<>();
            for (MessageMeta m : store.messages(store.mailbox(alice.id(), MailboxRole.INBOX).orElseThrow().id())) {
                try (InputStream in = store.openBody(m)) {
                    String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                    Matcher matcher = SUBJECT.matcher(text);
                    assertThat(matcher.find()).as("subject in " + text).isTrue();
                    assertThat(text).as("the relay's transaction id is never stored").doesNotContain("Hearthmail-Transaction");
                    out.add(Integer.parseInt(matcher.group(1)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aMailstoreStoppedAtRcptOrMailTimeIsSpooledWithinTheCommandTimeoutAndDeliveredOnceAfterItResumes() throws Exception {
        startBoth(bed.intake);
        try (SmtpClient c = SmtpClient.await(SmtpClient.connect("127.0.0.1", bed.mx, Duration.ofSeconds(10)))) {
            SmtpClient.await(c.ehlo("sender.example"));
            assertThat(SmtpClient.await(c.mail("bob@sender.example", List.of())).code()).isEqualTo(250);
            assertThat(SmtpClient.await(c.rcpt("alice@example.test", List.of())).code()).isEqualTo(250);
            assertThat(SmtpClient.await(c.data(MessageBody.of(message(0)))).toString()).startsWith("250 2.0.0 Stored");

            // Message 1: MAIL answered live, then the mailstore stops (SIGSTOP: no RST, no reply).
            assertThat(SmtpClient.await(c.mail("bob@sender.example", List.of())).code()).isEqualTo(250);
            signal("STOP");
            long start = System.nanoTime();
            Reply rcpt = SmtpClient.await(c.rcpt("alice@example.test", List.of()));
            long waited = millisSince(start);
            assertThat(rcpt.code()).as(rcpt.toString()).isEqualTo(250);
            assertThat(waited).as("RCPT waited for the command timeout, not RFC 5321's 5 minutes")
                    .isBetween(COMMAND_TIMEOUT.toMillis() - 200, COMMAND_TIMEOUT.plus(MARGIN).toMillis());
            // Unknown users are still refused, from the recipient cache.
            assertThat(SmtpClient.await(c.rcpt("nobody@example.test", List.of())).toString()).startsWith("550 5.1.1");
            assertThat(SmtpClient.await(c.data(MessageBody.of(message(1)))).toString()).startsWith("250 2.0.0 Queued");

            // Message 2: a new session to the stopped mailstore gets no greeting; spooled at MAIL.
            start = System.nanoTime();
            Reply mail = SmtpClient.await(c.mail("bob@sender.example", List.of()));
            assertThat(mail.code()).as(mail.toString()).isEqualTo(250);
            assertThat(millisSince(start)).as("MAIL answered within the command timeout and a margin")
                    .isLessThan(COMMAND_TIMEOUT.plus(MARGIN).toMillis());
            assertThat(SmtpClient.await(c.rcpt("alice@example.test", List.of())).code()).isEqualTo(250);
            assertThat(SmtpClient.await(c.data(MessageBody.of(message(2)))).toString()).startsWith("250 2.0.0 Queued");
            SmtpClient.await(c.quit());
        }
        assertThat(relay.spool().entries()).hasSize(2);

        signal("CONT");
        await(() -> relay.spool().isEmpty(), Duration.ofSeconds(40), "spool handed over after SIGCONT");
        Thread.sleep(500); // anything sent twice would show up now
        assertThat(inbox()).as("each message exactly once").containsExactly(0, 1, 2);
    }

    @Test
    void noFinalReplyAfterTheContentIsSpooledWithinTheCommitTimeoutAndTheMailboxHoldsTheMessageOnce() throws Exception {
        int proxyPort = FreePorts.tcp();
        proxy = new ReplySwallowingProxy(proxyPort, new InetSocketAddress("127.0.0.1", bed.intake));
        startBoth(proxyPort);
        try (SmtpClient c = SmtpClient.await(SmtpClient.connect("127.0.0.1", bed.mx, Duration.ofSeconds(10)))) {
            SmtpClient.await(c.ehlo("sender.example"));
            assertThat(SmtpClient.await(c.mail("bob@sender.example", List.of())).code()).isEqualTo(250);
            assertThat(SmtpClient.await(c.rcpt("alice@example.test", List.of())).code()).isEqualTo(250);

            // The mailstore gets the whole content and commits; its 250 never comes back.
            proxy.swallowNextCommitReply();
            long start = System.nanoTime();
            Reply data = SmtpClient.await(c.data(MessageBody.of(message(7))));
            long waited = millisSince(start);
            assertThat(proxy.swallowed()).as("the commit reply was swallowed").isTrue();
            assertThat(data.toString()).startsWith("250 2.0.0 Queued");
            assertThat(waited).as("answered after the commit timeout, not RFC 5321's 10 minutes")
                    .isBetween(COMMIT_TIMEOUT.toMillis() - 200, COMMIT_TIMEOUT.plus(MARGIN).toMillis());
            SmtpClient.await(c.quit());
        }
        // The live copy was committed, and the spooled copy goes over too; the intake drops it by id.
        await(() -> relay.spool().isEmpty(), Duration.ofSeconds(40), "spooled copy handed over");
        Thread.sleep(500);
        assertThat(inbox()).as("exactly once although both copies reached the mailstore").containsExactly(7);
        // The spooled copy did reach the intake and was acknowledged (its summary line), yet nothing was added.
        assertThat(Files.readString(dir.resolve("mailstore.out")) + logFile())
                .containsPattern("dir=intake result=250/2\\.0\\.0 .* to=@relay\\.invalid rcpts=1");
    }

    private String logFile() throws IOException {
        Path log = bed.home.resolve("logs/mailstore.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
