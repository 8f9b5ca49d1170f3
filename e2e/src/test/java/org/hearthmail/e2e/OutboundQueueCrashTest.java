package org.hearthmail.e2e;

import org.hearthmail.testsupport.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hearthmail.interop.KnotServer;
import org.hearthmail.smtp.client.AuthMechanism;
import org.hearthmail.smtp.client.Envelope;
import org.hearthmail.smtp.client.MessageBody;
import org.hearthmail.smtp.client.SmtpClient;
import org.hearthmail.smtp.client.TlsPolicy;
import org.hearthmail.smtp.client.TransactionResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, "what it must show" 3: the relay ({@code edge-relay run} from its relay.toml) is
 * SIGKILLed and restarted eight times while it delivers 1,000 messages (each kill 1 to 3 s, random,
 * after the run delivered its first message), handed over
 * through its real {@code [outbound] listen} with STARTTLS and AUTH, to a real receiving MX: Postfix's
 * {@code smtp-sink} capturing every completed transaction to a file, found through a real DNS server
 * (knotd: MX record, then A record on loopback). In the end every message is at the sink (distinct
 * Message-IDs counted; none lost), duplicates are counted and printed, and the queue is empty.
 * The queue's back-off and scan interval are shortened through relay.toml only.
 */
class OutboundQueueCrashTest {
    static final int MESSAGES = 1000;
    static final int DESTINATION_CONCURRENCY = 10;
    /** SIGKILLs while delivering (each after this run has delivered something, 1 to 3 s into it). */
    static final int KILLS = 8;
    /** The child relay: small heap; C1 only, so a restarted JVM spends less of a loaded machine on JIT. */
    private static final String[] CHILD_JVM = {"-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"};
    private static final Path SMTP_SINK = Path.of("/usr/sbin/smtp-sink");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?m)^Message-ID: <crash-(\\d+)@home\\.test>\\r?$");
    private static final String RELAY = "vps-crash";
    private static final String SECRET = "crash-test-secret-0123456789";

    @TempDir
    Path dir;
    private Process sink;
    private Process relay;
    private Path capture;

    @AfterEach
    void stop() throws Exception {
        if (relay != null && relay.isAlive()) {
            RelayProcess.kill(relay);
        }
        if (sink != null && sink.isAlive()) {
            sink.destroy();
            if (!sink.waitFor(10, TimeUnit.SECONDS)) {
                RelayProcess.kill(sink);
            }
        }
        if (capture != null) {
            try (Stream<Path> files = Files.walk(capture)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void everyMessageReachesTheMxAcrossRepeatedSigkillsOfTheRelay() throws Exception {
        KnotServer.assumeInstalled();
        assumeTrue(Files.isExecutable(SMTP_SINK), "smtp-sink missing; install Debian package postfix");
        int sinkPort = FreePorts.tcp();
        try (KnotServer knot = KnotServer.start(dir.resolve("knot"), Map.of("sink.test", "@ MX 10 mx\nmx A 127.0.0.1\n"))) {
            Path relayDir = relayDir(knot.port(), sinkPort);
            // Kept after the run (target/ is the build's), for a look at what each relay run did.
            Path logs = Files.createDirectories(Path.of("target", "outbound-queue-crash"));
            int outboundPort = outboundPort(relayDir);

            // Hand-off while the MX is not up yet: all 1,000 are queued (and deferring) before the kills start.
            relay = RelayProcess.start(relayDir, logs.resolve("relay-0.log"), outboundPort, CHILD_JVM);
            int accepted = handOff(outboundPort);
            assertThat(accepted).isEqualTo(MESSAGES);
            startSink(sinkPort);

            // Each round: restart, wait until this run has delivered something (a cold JVM on a loaded
            // machine needs a few seconds), let it deliver a little more (random), then SIGKILL it.
            Random random = new Random();
            int kills = 0;
            int killsMidDelivery = 0;
            long start = System.nanoTime();
            long killUntil = start + TimeUnit.SECONDS.toNanos(100);
            long deadline = start + TimeUnit.SECONDS.toNanos(170);
            while (kills < KILLS && System.nanoTime() < killUntil && received().size() < MESSAGES) {
                int before = received().size();
                long progressDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (received().size() == before && System.nanoTime() < progressDeadline) {
                    Thread.sleep(50);
                }
                // Then kill after 1 to 3 s more, or sooner once it has delivered another 20 to 120
                // (an idle machine delivers the whole queue in a few seconds).
                long target = captured() + 20 + random.nextInt(101);
                long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1000 + random.nextInt(2001));
                while (captured() < target && System.nanoTime() < killAt) {
                    Thread.sleep(20);
                }
                int atKill = received().size();
                RelayProcess.kill(relay);
                kills++;
                if (atKill > before && atKill < MESSAGES) {
                    killsMidDelivery++;
                }
                System.out.printf("outbound crash test: kill %d: %d -> %d distinct at the MX%n", kills, before, atKill);
                relay = RelayProcess.start(relayDir, logs.resolve("relay-" + kills + ".log"), outboundPort, CHILD_JVM);
            }
            // The last run delivers the rest.
            while (System.nanoTime() < deadline && (received().size() < MESSAGES || !queueEmpty(relayDir))) {
                Thread.sleep(100);
            }
            Thread.sleep(500); // anything sent twice by the last run would show up now

            Map<Integer, Integer> received = received();
            int copies = received.values().stream().mapToInt(Integer::intValue).sum();
            int duplicates = copies - received.size();
            List<Integer> lost = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                if (!received.containsKey(i)) {
                    lost.add(i);
                }
            }
            System.out.printf("outbound crash test: %d messages, %d SIGKILLs (%d while the sink was receiving), "
                    + "%d distinct Message-IDs at the MX, %d duplicate deliveries, %d lost%n",
                    MESSAGES, kills, killsMidDelivery, received.size(), duplicates, lost.size());
            assertThat(lost).as("messages never delivered").isEmpty();
            assertThat(queueEmpty(relayDir)).as("queue empty at the end").isTrue();
            assertThat(killsMidDelivery).as("kills that hit a relay in the middle of delivering").isGreaterThanOrEqualTo(3);
            assertThat(received.size()).isEqualTo(MESSAGES);
            // A kill can repeat only the attempts in flight at that moment (at most the destination's concurrency).
            assertThat(duplicates).isLessThanOrEqualTo(kills * DESTINATION_CONCURRENCY);
        }
    }

    private Path relayDir(int dnsPort, int sinkPort) throws Exception {
        Path r = Files.createDirectories(dir.resolve("relay"));
        RelayProcess.writeSelfSignedTls(r, "mx.home.test");
        Path creds = r.resolve("keys/outbound-credentials");
        Files.writeString(creds, "name = " + RELAY + "\nsecret = " + SECRET + "\n");
        Files.setPosixFilePermissions(creds, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(r.resolve("relay.toml"), "hostname = \"mx.home.test\"\ndomains = [\"home.test\"]\n"
                + "[inbound]\nlisten = \"127.0.0.1:" + FreePorts.tcp() + "\"\n"
                // Nothing listens there: the (unused) inbound side and DSNs would defer.
                + "[mailstore]\nintake = \"127.0.0.1:" + FreePorts.tcp() + "\"\n"
                + "[dns]\nresolver = \"127.0.0.1:" + dnsPort + "\"\n"
                + "[outbound]\nlisten = \"127.0.0.1:" + FreePorts.tcp() + "\"\n"
                // The test bed's MX runs unprivileged on loopback; back-off and scans shortened for the test.
                + "mx_port = " + sinkPort + "\nallow_local_mx = true\n"
                + "retry_initial = \"200ms\"\nretry_max = \"1s\"\nscan_interval = \"200ms\"\n"
                + "concurrency = 20\ndestination_concurrency = " + DESTINATION_CONCURRENCY + "\n");
        return r;
    }

    private static int outboundPort(Path relayDir) throws IOException {
        Matcher m = Pattern.compile("\\[outbound]\nlisten = \"127\\.0\\.0\\.1:(\\d+)\"").matcher(Files.readString(relayDir.resolve("relay.toml")));
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** Hands the messages over on four connections, as the mailstore would: STARTTLS, AUTH PLAIN, then MAIL/RCPT/DATA. */
    private static int handOff(int port) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> parts = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    int ok = 0;
                    try (SmtpClient c = SmtpClient.connect("127.0.0.1", port, Duration.ofSeconds(30)).get()) {
                        c.ehlo("home.home.test").get();
                        c.startTls(TlsPolicy.opportunistic()).get();
                        c.auth(AuthMechanism.PLAIN, RELAY, SECRET).get();
                        for (int i = first; i < MESSAGES; i += 4) {
                            TransactionResult r = c.send(Envelope.of("alice@home.test", "bob" + (i % 13) + "@sink.test"),
                                    MessageBody.of(message(i))).get(60, TimeUnit.SECONDS);
                            assertThat(r.message()).as("message %d", i).isPresent();
                            assertThat(r.message().get().code()).as("message %d: %s", i, r.message().get()).isEqualTo(250);
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            int sum = 0;
            for (Future<Integer> f : parts) {
                sum += f.get(120, TimeUnit.SECONDS);
            }
            return sum;
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] message(int i) {
        return ("From: Alice <alice@home.test>\r\nTo: <bob" + (i % 13) + "@sink.test>\r\nSubject: crash test " + i + "\r\n"
                + "Message-ID: <crash-" + i + "@home.test>\r\nDate: Mon, 23 Nov 2026 22:00:00 +0000\r\n\r\n"
                + ("line of message " + i + " " + "x".repeat(60) + "\r\n").repeat(24)).getBytes(StandardCharsets.US_ASCII);
    }

    /** smtp-sink keeps a file only for a completed transaction (it removes the file of an aborted one). */
    private void startSink(int port) throws Exception {
        capture = Files.createTempDirectory("outbound-crash-sink");
        // smtp-sink must drop root (-u): the capture directory is written by that user.
        Files.setPosixFilePermissions(capture, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> cmd = new ArrayList<>(List.of(SMTP_SINK.toString()));
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("-u", "nobody"));
        }
        cmd.addAll(List.of("-d", capture + "/%M.", "127.0.0.1:" + port, "256"));
        sink = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("smtp-sink.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            assertThat(sink.isAlive()).as("smtp-sink running: %s", Files.readString(dir.resolve("smtp-sink.log"))).isTrue();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("smtp-sink did not listen within 20 s");
    }

    /** Message number to the number of completed copies at the sink. */
    /** Files the sink has written so far (cheap: no reading), copies included. */
    private long captured() throws IOException {
        if (capture == null) {
            return 0;
        }
        try (Stream<Path> files = Files.list(capture)) {
            return files.count();
        }
    }

    private Map<Integer, Integer> received() throws IOException {
        Map<Integer, Integer> counts = new HashMap<>();
        if (capture == null) {
            return counts;
        }
        try (Stream<Path> files = Files.list(capture)) {
            for (Path f : files.toList()) {
                String text;
                try {
                    text = Files.readString(f, StandardCharsets.US_ASCII);
                } catch (java.nio.file.NoSuchFileException gone) {
                    continue; // smtp-sink removes the dump of a transaction the killed relay never finished
                }
                Matcher m = MESSAGE_ID.matcher(text);
                if (m.find()) {
                    counts.merge(Integer.parseInt(m.group(1)), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static boolean queueEmpty(Path relayDir) throws IOException {
        Path meta = relayDir.resolve("queue/meta");
        if (!Files.isDirectory(meta)) {
            return true;
        }
        try (Stream<Path> s = Files.list(meta)) {
            return s.findAny().isEmpty();
        }
    }
}
