package org.hearthmail.relay.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hearthmail.relay.queue.QueueStore;
import org.hearthmail.relay.queue.QueuedMessage;
import org.hearthmail.smtp.client.SmtpClient;
import org.hearthmail.smtp.client.TransactionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listener in a child JVM killed with SIGKILL while three clients hand off mail: every message
 * that got 250 must be in the queue afterwards with its content, and the sweep leaves no debris.
 */
class OutboundCrashTest {
    @TempDir
    Path dir;

    @Test
    void everyMessageAnswered250SurvivesSigkillOfTheListener() throws Exception {
        Path queueDir = dir.resolve("queue");
        Map<String, String> acked = new ConcurrentHashMap<>(); // queue id -> subject
        for (int round = 0; round < 3; round++) {
            Path portFile = dir.resolve("port" + round);
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), OutboundChildMain.class.getName(),
                    queueDir.toString(), portFile.toString())
                    .redirectErrorStream(true).redirectOutput(Path.of("target", "outbound-crash-child" + round + ".log").toFile()).start();
            ExecutorService clients = Executors.newFixedThreadPool(3);
            AtomicBoolean stop = new AtomicBoolean();
            try {
                int port = awaitPort(portFile, child);
                InetSocketAddress addr = new InetSocketAddress("127.0.0.1", port);
                for (int t = 0; t < 3; t++) {
                    int client = t;
                    int r = round;
                    clients.submit(() -> sendUntilStopped(addr, "r" + r + "c" + client, stop, acked));
                }
                // Kill mid-stream: once this round's clients have had some messages acknowledged.
                int before = acked.size();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (acked.size() < before + 5 && System.nanoTime() < until && child.isAlive()) {
                    Thread.sleep(20);
                }
                Thread.sleep(200 + round * 150L);
                child.destroyForcibly(); // SIGKILL to this PID only
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                stop.set(true);
                clients.shutdown();
                assertThat(clients.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
                if (child.isAlive()) {
                    child.destroyForcibly();
                }
            }
        }
        QueueStore q = QueueStore.open(queueDir);
        q.recover();
        assertThat(acked).hasSizeGreaterThan(10);
        for (Map.Entry<String, String> e : acked.entrySet()) {
            QueuedMessage m = q.find(e.getKey()).orElse(null);
            assertThat(m).as("acknowledged message %s (%s)", e.getKey(), e.getValue()).isNotNull();
            assertThat(Files.readString(q.contentPath(e.getKey()))).contains("Subject: " + e.getValue() + "\r\n");
        }
        List<QueuedMessage> all = q.list();
        // Messages may be queued without their 250 reaching the client (killed in between): never fewer.
        assertThat(all.size()).isGreaterThanOrEqualTo(acked.size());
        try (var s = Files.list(queueDir.resolve("msg"))) {
            assertThat(s.count()).isEqualTo(all.size());
        }
        try (var s = Files.list(queueDir.resolve("tmp"))) {
            assertThat(s.count()).isZero();
        }
    }

    private static void sendUntilStopped(InetSocketAddress addr, String prefix, AtomicBoolean stop, Map<String, String> acked) {
        int n = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!stop.get() && System.nanoTime() < deadline) {
            try (SmtpClient c = OutboundFixture.handOff(addr, OutboundFixture.RELAY, OutboundFixture.SECRET)) {
                while (!stop.get() && System.nanoTime() < deadline) {
                    String subject = prefix + "-" + (n++);
                    TransactionResult r = OutboundFixture.send(c, "alice@home.example.test",
                            OutboundFixture.message(subject) + ("x".repeat(70) + "\r\n").repeat(40), "bob@remote.example.test");
                    if (r.message().isPresent() && r.message().get().code() == 250) {
                        acked.put(r.message().get().text().replaceAll(".*Queued as ", "").trim(), subject);
                    }
                }
            } catch (Exception connectionLost) {
                return; // the listener was killed: this client is done for the round
            }
        }
    }

    private static int awaitPort(Path portFile, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (Files.exists(portFile)) {
                return Integer.parseInt(Files.readString(portFile).trim());
            }
            if (!child.isAlive()) {
                throw new IllegalStateException("child exited " + child.exitValue());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("child did not start within 20 s");
    }
}
