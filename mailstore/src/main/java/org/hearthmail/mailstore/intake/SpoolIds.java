package org.hearthmail.mailstore.intake;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool entry ids the intake has delivered, so a re-sent entry (the relay died between our 250
 * and its removal, ADR 0003 §4) is acknowledged without being delivered twice. On disk one text
 * file, {@code <uuid> SP <epoch-seconds>} per line, appended and fsynced per id; ids older than
 * {@code keep} are dropped when the file is rewritten at open. Thread-safe.
 */
public final class SpoolIds {

    private static final Logger log = LoggerFactory.getLogger(SpoolIds.class);
    /** ADR 0003 §4: remembered for 30 days, far longer than any relay keeps an entry. */
    public static final Duration DEFAULT_KEEP = Duration.ofDays(30);

    private final Path file;
    private final Clock clock;
    private final Map<UUID, Instant> seen = new HashMap<>();

    private SpoolIds(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** Loads the file (missing: none yet), forgets ids older than {@code keep} and rewrites it compacted. */
    public static SpoolIds open(Path file, Duration keep, Clock clock) throws IOException {
        SpoolIds ids = new SpoolIds(file, clock);
        Instant oldest = clock.instant().minus(keep);
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            for (int i = 0; i < lines.size(); i++) {
                String[] f = lines.get(i).strip().split(" ");
                if (f.length != 2) {
                    // A torn last line after a crash: that id was never acknowledged.
                    log.warn("{} line {}: not '<uuid> <epoch-seconds>'; skipped", file, i + 1);
                    continue;
                }
                try {
                    Instant at = Instant.ofEpochSecond(Long.parseLong(f[1]));
                    if (at.isAfter(oldest)) {
                        ids.seen.put(UUID.fromString(f[0]), at);
                    }
                } catch (IllegalArgumentException e) {
                    log.warn("{} line {}: {}; skipped", file, i + 1, e.getMessage());
                }
            }
        }
        ids.rewrite();
        return ids;
    }

    public synchronized boolean contains(UUID id) {
        return seen.containsKey(id);
    }

    public synchronized int size() {
        return seen.size();
    }

    /** Records a delivered entry durably (append, fsync) before the intake answers 250. */
    public synchronized void remember(UUID id) throws IOException {
        Instant now = clock.instant();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(line(id, now).getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        seen.put(id, now);
    }

    private void rewrite() throws IOException {
        StringBuilder sb = new StringBuilder();
        seen.forEach((id, at) -> sb.append(line(id, at)));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String line(UUID id, Instant at) {
        return id + " " + at.getEpochSecond() + "\n";
    }
}
