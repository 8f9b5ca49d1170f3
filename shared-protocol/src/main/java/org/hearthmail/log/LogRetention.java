package org.hearthmail.log;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Deletes a program's log files last written more than the retention ago: {@code PROGRAM.log},
 * {@code PROGRAM.*.log} and {@code PROGRAM.*.log.gz} in the log directory, whatever run wrote them.
 * The file being written ({@code PROGRAM.log}) is swept only before logging to it starts: one left
 * by an earlier run may be old, the open one must not vanish under the appender.
 */
public final class LogRetention {
    private final Path dir;
    private final String program;
    private final Duration keep;
    private final Clock clock;

    public LogRetention(Path dir, String program, int retentionDays, Clock clock) {
        this.dir = dir;
        this.program = program;
        this.keep = Duration.ofDays(retentionDays);
        this.clock = clock;
    }

    /**
     * @param active also {@code PROGRAM.log} (only before the appender opens it)
     * @return the files deleted
     */
    public List<Path> sweep(boolean active) throws IOException {
        Instant cutoff = clock.instant().minus(keep);
        List<Path> deleted = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return deleted;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, program + "*.log*")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                boolean current = name.equals(program + ".log");
                boolean rolled = !current && name.startsWith(program + ".")
                        && (name.endsWith(".log") || name.endsWith(".log.gz"));
                boolean ours = rolled || (active && current);
                if (ours && Files.isRegularFile(f) && Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)) {
                    Files.delete(f);
                    deleted.add(f);
                }
            }
        }
        return deleted;
    }

    void sweepQuietly() {
        try {
            List<Path> deleted = sweep(false);
            if (!deleted.isEmpty()) {
                LoggerFactory.getLogger(LogRetention.class).info("deleted {} log file(s) older than {} days",
                        deleted.size(), keep.toDays());
            }
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(LogRetention.class).warn("log retention sweep of {} failed: {}", dir, e.toString());
        }
    }
}
