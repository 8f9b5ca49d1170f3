package org.hearthmail.mailstore.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hearthmail.mailstore.store.BlobId;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.client.MessageBody;
import org.hearthmail.smtp.client.SmtpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every acknowledged message survives a SIGKILL of the mailstore at any moment: a separate JVM runs
 * the intake, clients deliver in a loop, the JVM is killed at random points and restarted, again
 * and again. Afterwards every message that got 250 is present exactly once, the database is intact,
 * UIDs are strictly increasing and no file is left unreferenced.
 */
class IntakeCrashTest {

    private static final int ROUNDS = 6;
    private static final int SENDERS = 3;
    private static final Pattern ID = Pattern.compile("Message-ID: <(\\d+)@crash.test>");

    @TempDir
    Path dir;

    @Test
    void acknowledgedMessagesSurviveSigkillAtRandomPoints() throws Exception {
        Random random = new Random(20261123);
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger nextId = new AtomicInteger();
        for (int round = 0; round < ROUNDS; round++) {
            Process child = startChild();
            try {
                int port = awaitReady(child);
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> senders = new ArrayList<>();
                for (int s = 0; s < SENDERS; s++) {
                    Thread t = new Thread(() -> sendUntilFailure(port, nextId, acknowledged, stop), "sender-" + s);
                    t.start();
                    senders.add(t);
                }
                // Kill only once this round has had at least one 250, at a random moment after it:
                // on a loaded machine the child may need a while before it serves at all.
                int before = acknowledged.size();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (acknowledged.size() == before && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(random.nextInt(700));
                // Linux: destroyForcibly() is SIGKILL, whatever the child is doing.
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                stop.set(true);
                for (Thread t : senders) {
                    t.join(20_000);
                }
            } finally {
                child.destroyForcibly();
            }
        }
        assertThat(acknowledged).as("messages acknowledged across all rounds").hasSizeGreaterThanOrEqualTo(ROUNDS);

        try (SqliteMailStore store = SqliteMailStore.open(new DataDirectory(dir), StoreOptions.defaults())) {
            long inbox = store.mailbox(store.user("alice@example.test").orElseThrow().id(), MailboxRole.INBOX).orElseThrow().id();
            List<MessageMeta> messages = store.messages(inbox);
            Map<Integer, Integer> copies = new HashMap<>();
            long previousUid = 0;
            for (MessageMeta m : messages) {
                assertThat(m.uid()).isGreaterThan(previousUid);
                previousUid = m.uid();
                try (InputStream in = store.openBody(m)) {
                    Matcher id = ID.matcher(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
                    assertThat(id.find()).isTrue();
                    copies.merge(Integer.parseInt(id.group(1)), 1, Integer::sum);
                }
            }
            for (int id : acknowledged) {
                assertThat(copies.get(id)).as("copies of acknowledged message %d", id).isEqualTo(1);
            }
            assertThat(copies.values()).as("no message stored twice").allMatch(n -> n == 1);
            System.out.printf("intake crash test: %d rounds, %d acknowledged, %d stored (%d committed but unacknowledged)%n",
                    ROUNDS, acknowledged.size(), copies.size(), copies.size() - acknowledged.size());
            assertThat(store.integrityCheck()).containsExactly("ok");
            Set<BlobId> referenced = store.referencedBlobs();
            try (Stream<Path> files = Files.walk(dir.resolve("blobs"))) {
                assertThat(files.filter(Files::isRegularFile).count()).as("blob files = referenced blobs").isEqualTo(referenced.size());
            }
            try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
                assertThat(tmp.count()).as("files left in tmp/").isZero();
            }
        }
    }

    private Process startChild() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                IntakeProcessMain.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
    }

    private static int awaitReady(Process child) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String line;
        while ((line = r.readLine()) != null && System.nanoTime() < deadline) {
            if (line.startsWith("READY ")) {
                Thread drain = new Thread(() -> {
                    try {
                        r.transferTo(java.io.Writer.nullWriter());
                    } catch (java.io.IOException ignored) {
                        // the child died: that is the point of the test
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(line.substring(6).trim());
            }
        }
        throw new AssertionError("intake child did not start; last output: " + line);
    }

    private static void sendUntilFailure(int port, AtomicInteger nextId, Set<Integer> acknowledged, AtomicBoolean stop) {
        try (SmtpClient c = SmtpClient.await(SmtpClient.connect("127.0.0.1", port, Duration.ofSeconds(5)))) {
            SmtpClient.await(c.ehlo("crash.test"));
            while (!stop.get()) {
                int id = nextId.incrementAndGet();
                String msg = "Message-ID: <" + id + "@crash.test>\r\nSubject: crash " + id + "\r\n\r\n"
                        + ("body " + id + "\r\n").repeat(1 + id % 200);
                SmtpClient.await(c.mail("s@crash.test", List.of()));
                SmtpClient.await(c.rcpt("alice@example.test", List.of()));
                Reply r = SmtpClient.await(c.data(MessageBody.of(msg.getBytes(StandardCharsets.US_ASCII))));
                if (r.code() == 250) {
                    acknowledged.add(id);
                }
            }
        } catch (Exception e) {
            // Connection lost when the child was killed: expected.
        }
    }
}
