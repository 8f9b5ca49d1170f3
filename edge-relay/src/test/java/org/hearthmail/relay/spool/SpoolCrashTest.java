package org.hearthmail.relay.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hearthmail.seal.SealPrivateKey;
import org.hearthmail.spool.OpenedSpoolEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spooling JVM killed with SIGKILL at arbitrary points: every entry whose commit returned is
 * there and opens completely; nothing half-written is left once the spool is reopened.
 */
class SpoolCrashTest {
    private static final int ROUNDS = 3;
    private final SealPrivateKey key = SealPrivateKey.generate();
    @TempDir
    Path dir;

    /** About 150-250 KB of content derived from the seed, so a kill often lands mid-write. */
    static byte[] content(long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[150_000 + r.nextInt(100_000)];
        r.nextBytes(b);
        return b;
    }

    @Test
    @Timeout(120)
    void everyAcknowledgedEntrySurvivesSigkillAndNothingPartialRemains() throws Exception {
        Map<Long, Long> acknowledged = new HashMap<>();
        Random random = new Random();
        for (int round = 0; round < ROUNDS; round++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-cp", System.getProperty("java.class.path"), SpoolCrashChild.class.getName(),
                    dir.toString(), key.publicKey().toBase64())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.US_ASCII))) {
                int killAfter = 3 + random.nextInt(8);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                String line;
                while (killAfter > 0 && System.nanoTime() < deadline && (line = out.readLine()) != null) {
                    String[] parts = line.split(" ");
                    acknowledged.put(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
                    killAfter--;
                }
                Thread.sleep(random.nextInt(40));
                // SIGKILL on Linux; through the handle, so the pipe stays readable (Process.destroy closes it).
                child.toHandle().destroyForcibly();
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
                // Lines printed before the kill landed are acknowledgements too.
                while ((line = out.readLine()) != null) {
                    String[] parts = line.split(" ");
                    acknowledged.put(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
                }
            } finally {
                child.destroyForcibly();
            }
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(3 * ROUNDS);
        try (Spool spool = Spool.open(dir, Long.MAX_VALUE, key.publicKey())) {
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
            Map<Long, SpoolEntry> bySequence = new HashMap<>();
            long previous = 0;
            for (SpoolEntry e : spool.entries()) {
                assertThat(e.sequence()).isGreaterThan(previous);
                previous = e.sequence();
                bySequence.put(e.sequence(), e);
                try (OpenedSpoolEntry opened = e.open(key)) {
                    opened.content().readAllBytes(); // complete and authentic, or this throws
                }
            }
            for (Map.Entry<Long, Long> ack : acknowledged.entrySet()) {
                SpoolEntry e = bySequence.get(ack.getKey());
                assertThat(e).as("acknowledged entry %d", ack.getKey()).isNotNull();
                try (OpenedSpoolEntry opened = e.open(key)) {
                    assertThat(opened.content().readAllBytes()).isEqualTo(content(ack.getValue()));
                }
            }
        }
    }
}
