package org.hearthmail.relay.buffer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The relay's {@code tmp/} directory: created private, swept of earlier runs' leftovers at start. */
public final class TempDirectory {

    private static final Logger log = LoggerFactory.getLogger(TempDirectory.class);

    private final Path dir;

    private TempDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates {@code dir} (0700) if needed and deletes every message file left in it. Call before
     * any session starts: files of a running relay would be swept too.
     *
     * @return the number of leftover files removed
     */
    public static TempDirectory prepare(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        int swept = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, SealedTempFile.PREFIX + "*" + SealedTempFile.SUFFIX)) {
            for (Path f : files) {
                // Unreadable anyway (the key died with the process that wrote it); removed to free space.
                Files.deleteIfExists(f);
                swept++;
            }
        }
        if (swept > 0) {
            log.info("removed {} unreadable message remnant(s) from {}", swept, dir);
        }
        return new TempDirectory(dir);
    }

    public SealedTempFile newFile() throws IOException {
        return SealedTempFile.create(dir);
    }

    public Path path() {
        return dir;
    }
}
