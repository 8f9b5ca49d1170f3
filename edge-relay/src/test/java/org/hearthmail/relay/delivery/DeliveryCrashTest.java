package org.hearthmail.relay.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearthmail.relay.outbound.OutboundService;
import org.hearthmail.relay.queue.QueueStore;
import org.hearthmail.relay.queue.QueuedMessage;
import org.hearthmail.relay.queue.RecipientState;
import org.hearthmail.relay.queue.Route;
import org.hearthmail.interop.KnotServer;
import org.hearthmail.relay.testing.RecordingMx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivering relay in a child JVM killed with SIGKILL several times while it delivers many
 * messages to a real MX (our server, found through knotd): in the end every message arrived at least
 * once; duplicates (a kill between the remote's 250 and our state update) are counted and bounded.
 */
class DeliveryCrashTest {
    private static final int MESSAGES = 60;
    private static final Pattern SUBJECT = Pattern.compile("Subject: (m-\\d+)\r\n");

    @TempDir
    Path dir;

    @Test
    void everyMessageIsDeliveredAtLeastOnceAcrossKills() throws Exception {
        KnotServer.assumeInstalled();
        try (KnotServer knot = KnotServer.start(dir.resolve("knot"), Map.of("crash.test", "@ MX 10 mx\nmx A 127.0.0.3\n"));
             RecordingMx remote = new RecordingMx(new InetSocketAddress("127.0.0.3", 0), (a, n) -> null)) {
            Path data = dir.resolve("data");
            QueueStore queue = QueueStore.open(data.resolve(OutboundService.QUEUE_DIR));
            for (int i = 0; i < MESSAGES; i++) {
                queue.enqueue(new QueuedMessage("x", "alice@home.test", null, null, null, false, System.currentTimeMillis(),
                        0, false, Route.MX, List.of(RecipientState.pending("r" + (i % 7) + "@crash.test", List.of(), null))),
                        ("Subject: m-" + i + "\r\n\r\n" + "line\r\n".repeat(200)).getBytes(StandardCharsets.US_ASCII));
            }
            int kills = 0;
            for (int round = 0; round < 8 && !queue.list().isEmpty(); round++) {
                Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), DeliveryChildMain.class.getName(),
                        data.toString(), Integer.toString(knot.port()), Integer.toString(remote.address().getPort()))
                        .redirectErrorStream(true)
                        .redirectOutput(Path.of("target", "delivery-crash-child" + round + ".log").toFile()).start();
                try {
                    boolean lastRound = round >= 4;
                    int before = remote.messages.size();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(lastRound ? 60 : 30);
                    while (System.nanoTime() < deadline && child.isAlive() && !queue.list().isEmpty()
                            && (lastRound || remote.messages.size() < before + 8)) {
                        Thread.sleep(10);
                    }
                } finally {
                    child.destroyForcibly(); // SIGKILL to this PID only
                    child.waitFor(10, TimeUnit.SECONDS);
                    kills++;
                }
            }
            Map<String, Integer> received = new HashMap<>();
            for (RecordingMx.Received m : remote.messages) {
                Matcher s = SUBJECT.matcher(m.content());
                assertThat(s.find()).isTrue();
                received.merge(s.group(1), 1, Integer::sum);
            }
            for (int i = 0; i < MESSAGES; i++) {
                assertThat(received).as("message m-%d delivered", i).containsKey("m-" + i);
            }
            int duplicates = remote.messages.size() - received.size();
            System.out.printf("delivery crash test: %d kills, %d messages, %d duplicate deliveries%n", kills, MESSAGES, duplicates);
            // At most the attempts in flight at each kill (limit 20) can be repeated.
            assertThat(duplicates).isLessThanOrEqualTo(kills * 20);
            assertThat(queue.list()).isEmpty();
        }
    }
}
