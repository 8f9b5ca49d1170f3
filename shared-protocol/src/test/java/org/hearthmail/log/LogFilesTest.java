package org.hearthmail.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LogFilesTest {
    @TempDir
    Path dir;

    private Path file(String name, Duration age) throws Exception {
        Path f = Files.writeString(dir.resolve(name), "old line\n");
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(age)));
        return f;
    }

    @Test
    void filesPastTheRetentionAreDeletedAtInstallWhicheverRunWroteThem() throws Exception {
        Path old = file("edge-relay.2020-01-01.log.gz", Duration.ofDays(30));
        Path oldPlain = file("edge-relay.2020-01-02.log", Duration.ofDays(8));
        Path oldCurrent = file("edge-relay.log", Duration.ofDays(10));
        Path recent = file("edge-relay.2026-01-01.log.gz", Duration.ofDays(6));
        Path other = file("mailstore.2020-01-01.log.gz", Duration.ofDays(30));
        Path unrelated = file("notes.txt", Duration.ofDays(300));

        try (LogFiles files = LogFiles.install(dir, "edge-relay", 7, AddressLogging.DOMAIN)) {
            assertThat(old).doesNotExist();
            assertThat(oldPlain).doesNotExist();
            assertThat(recent).exists();
            assertThat(other).as("another program's file").exists();
            assertThat(unrelated).exists();
            LoggerFactory.getLogger("test.logfiles").warn("written to the file password=hunter2-secret");
            LoggerFactory.getLogger(MessageSummary.LOGGER).info("msg id=x.1 dir=in");
        }
        String text = Files.readString(dir.resolve("edge-relay.log"));
        assertThat(oldCurrent).exists(); // the new file of the same name
        assertThat(text).doesNotContain("old line").contains("WARN  test.logfiles - written to the file password=***")
                .doesNotContain("hunter2").contains("msg id=x.1 dir=in");
    }

    @Test
    void theDailySweepLeavesTheOpenFileAlone() throws Exception {
        Path current = file("mailstore.log", Duration.ofDays(40));
        Path rolled = file("mailstore.2020-01-01.log.gz", Duration.ofDays(40));
        new LogRetention(dir, "mailstore", 14, java.time.Clock.systemUTC()).sweep(false);
        assertThat(current).exists();
        assertThat(rolled).doesNotExist();
    }
}
